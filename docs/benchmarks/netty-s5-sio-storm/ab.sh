#!/usr/bin/env bash
# ab.sh <outdir> <rounds> <jarA> <jarB>: two Netty bench servers (both pinned to CPU 0, idle when not measured),
# socketio storms alternating A, B, A, B ... with --settle-server 15; server CPU per join and per-thread CPU.
set -uo pipefail
OUT=$1; ROUNDS=$2; A=$3; B=$4
mkdir -p "$OUT"
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"
taskset -c 0 java -jar "$A" server --port 18281 --transport netty > "$OUT/serverA.log" 2>&1 & PA=$!
taskset -c 0 java -jar "$B" server --port 18282 --transport netty > "$OUT/serverB.log" 2>&1 & PB=$!
trap 'kill $PA $PB 2>/dev/null; wait 2>/dev/null' EXIT
for port in 18281 18282; do for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/stats" >/dev/null 2>&1 && break; sleep 0.2; done; done
for r in $(seq 1 "$ROUNDS"); do
  for side in A B; do
    if [ $side = A ]; then port=18281; pid=$PA; jar=$A; else port=18282; pid=$PB; jar=$B; fi
    taskset -c 1 java -jar "$jar" storm --clients ${CLIENTS:-3000} --port $port --protocol ${PROTOCOL:-socketio} --server-pid $pid \
      --source-addresses 4 --settle-server 15 --quiet --out "$OUT/r$r-$side.json" > /dev/null 2>&1 || echo "storm $side r$r failed"
    python3 -c "import json; d=json.load(open('$OUT/r$r-$side.json')); print('r$r $side', 'us/join=%.1f'%d['serverCpuUsPerJoin'], 'joins/s=%.0f'%d['joinsPerSecond'], 'other=%.2f'%d['otherCpuCores'], 'settle=%.1f'%d['serverSettleSeconds'], 'correct=',d['correct'])" 2>/dev/null | tee -a "$OUT/summary.txt"
  done
done
