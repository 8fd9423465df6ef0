#!/usr/bin/env bash
# Echo vs bare relay vs native on the Netty bench server, 10k msg/s, interleaved, quiet machine.
set -euo pipefail
JAR=$1; OUT=$2; PORT=18075; mkdir -p "$OUT"
taskset -c 0 java -Xlog:gc:file="$OUT/gc.log" -jar "$JAR" server --port $PORT --transport netty > "$OUT/server.log" 2>&1 &
PID=$!; trap 'kill $PID' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/stats" >/dev/null 2>&1 && break; sleep 0.2; done
for p in echo relay native; do
  taskset -c 1 java -jar "$JAR" pairs --port $PORT --protocol $p --pairs 500 --size 1000 --rate 5000 --warmup 0 --duration 15 --quiet >/dev/null
done
for round in 1 2 3; do
  for p in echo relay native; do
    echo "== round $round $p"
    taskset -c 1 java -jar "$JAR" pairs --port $PORT --protocol $p --pairs 500 --size 1000 --rate 10000 --warmup 5 --duration 10 \
      --server-pid $PID --source-addresses 4 --quiet --out "$OUT/r$round-$p.json" | grep -E "relayedPerSecond|serverCpuUsPerMsg|rttP99Ms|otherCpu|lost" || true
    sleep 1
  done
done
