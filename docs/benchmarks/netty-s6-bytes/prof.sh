#!/usr/bin/env bash
# usage: prof.sh JAR PROTO OUTPREFIX  (perf record of the pinned server at 10k msg/s; perf script | incl.py for inclusive shares)
set -euo pipefail
JAR=$1; P=$2; OUT=$3; PORT=18095
taskset -c 0 java -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer -jar "$JAR" server --port $PORT --transport netty > "$OUT.server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/stats" >/dev/null 2>&1 && break; sleep 0.2; done
taskset -c 1 java -jar "$JAR" pairs --port $PORT --protocol $P --pairs 500 --size 1000 --rate 10000 --warmup 0 --duration 15 --quiet >/dev/null
taskset -c 1 java -jar "$JAR" pairs --port $PORT --protocol $P --pairs 500 --size 1000 --rate 10000 --warmup 5 --duration 20 --server-pid $PID --source-addresses 4 --quiet --out "$OUT.json" > "$OUT.gen.txt" &
G=$!
sleep 8
perf record -F 1999 -g -p $PID -o "$OUT.perf.data" -- sleep 10 2>/dev/null >/dev/null
wait $G
kill $PID; wait $PID || true
grep -E "relayedPerSecond|serverCpuUsPerMsg|rttP99Ms|lost" "$OUT.json" | head
