#!/usr/bin/env bash
# raterec.sh <jar> <label> <protocols...>: pinned server with the JVM's perf map; per protocol a
# warm-up at 5k, then perf record -F 4999 -g of the server for 8 s inside a 10k window. Loopback.
set -uo pipefail
JAR=$1; LABEL=$2; shift 2; PORT=18094; OUT=${RUNS:-/tmp/netty-s7-runs}/rec-$LABEL; mkdir -p $OUT
taskset -c 0 java -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer -jar $JAR server --port $PORT --transport netty > $OUT/server.log 2>&1 &
SP=$!
for i in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/stats" >/dev/null 2>&1 && break; sleep 0.5; done
for P in "$@"; do
  taskset -c 1 java -jar $JAR pairs --port $PORT --protocol $P --pairs 500 --size 1000 --rate 5000 --warmup 0 --duration 15 --quiet >/dev/null 2>&1
  mkdir -p $OUT/$P
  ( sleep 6; perf record -F 4999 -g -p $SP -o $OUT/$P/perf0.data -- sleep 8 >/dev/null 2>&1 ) &
  PP=$!
  taskset -c 1 java -jar $JAR pairs --port $PORT --protocol $P --pairs 500 --size 1000 --rate 10000 --warmup 5 --duration 10 --server-pid $SP --quiet --out $OUT/$P/rate.json > /dev/null 2>&1
  wait $PP
done
kill $SP; wait $SP 2>/dev/null
