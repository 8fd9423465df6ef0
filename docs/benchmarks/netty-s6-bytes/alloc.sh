#!/usr/bin/env bash
# usage: alloc.sh JAR PROTO PORT -> heap bytes the event-loop threads allocate per message at 2,000 msg/s
# (javac -d /tmp/alloc AllocRate.java first; GEN= the generator jar)
set -uo pipefail
JAR=$1; P=$2; PORT=$3
taskset -c 0 java -jar "$JAR" server --port $PORT --transport netty > /tmp/alloc-server-$PORT.log 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/stats" >/dev/null 2>&1 && break; sleep 0.2; done
taskset -c 1 java -jar "${GEN:-signaling-bench/target/signaling-bench.jar}" pairs --port $PORT --protocol $P --pairs 500 --size 1000 --rate 2000 --warmup 0 --duration 15 --quiet >/dev/null 2>&1
taskset -c 1 java -jar "${GEN:-signaling-bench/target/signaling-bench.jar}" pairs --port $PORT --protocol $P --pairs 500 --size 1000 --rate 2000 --warmup 5 --duration 25 --server-pid $PID --source-addresses 4 --quiet --out /tmp/alloc-$P-$PORT.json >/dev/null 2>&1 &
G=$!
sleep 12
java -cp "${ALLOC_CP:-/tmp/alloc}" AllocRate $PID signaling-netty 5 3 | awk -v p=$P '{printf "%s window %d: %.0f B/s = %.0f B/msg\n", p, $1, $2, $2/2000}'
wait $G
grep -o '"serverCpuUsPerMsg" : [0-9.]*\|"lost" : [0-9]*\|"rttP99Ms" : [0-9.]*' /tmp/alloc-$P-$PORT.json | tr '\n' ' '; echo
kill $PID
