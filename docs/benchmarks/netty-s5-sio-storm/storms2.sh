#!/usr/bin/env bash
# storms2.sh <jar> <outdir> <rounds>: one Netty bench server pinned to CPU 0; per round a storm per protocol
# (PROTOCOLS, CLIENTS; SETTLE=N adds --settle-server N), generator on CPU 1; per-thread CPU sampling (tsample.py),
# jstat, timestamped progress lines for windows.py. (proto3-threads.txt was SETTLE=15 CLIENTS=3000.)
set -euo pipefail
JAR=$1; OUT=$2; ROUNDS=${3:-3}
PORT=${PORT:-18271}
mkdir -p "$OUT"
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"
taskset -c 0 java -Xlog:gc:file="$OUT/gc.log":time,uptime ${SERVER_JAVA_OPTS:-} -jar "$JAR" server --port $PORT --transport netty > "$OUT/server.log" 2>&1 &
SPID=$!
trap 'kill $SPID 2>/dev/null; wait $SPID 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$PORT/stats" >/dev/null 2>&1 && break; sleep 0.2; done
python3 /work/sio-perf/tsample.py $SPID "$OUT/threads.txt" &
(jstat -gc $SPID 100 | while IFS= read -r line; do echo "$(date +%s.%N | cut -c1-14) $line"; done > "$OUT/jstat.txt") &
for r in $(seq 1 "$ROUNDS"); do
  for p in ${PROTOCOLS:-native socketio}; do
    taskset -c 1 java -jar "$JAR" storm --clients ${CLIENTS:-10000} --port $PORT --protocol $p --server-pid $SPID \
      --source-addresses 4 ${SETTLE:+--settle-server $SETTLE} --out "$OUT/r$r-$p.json" 2>&1 >/dev/null | while IFS= read -r line; do echo "$(date +%s.%N | cut -c1-14) $p r$r $line"; done >> "$OUT/progress.txt" || echo "storm $p failed"
    python3 -c "import json,sys; d=json.load(open('$OUT/r$r-$p.json')); print('r$r $p', 'us/join=%.1f'%d['serverCpuUsPerJoin'], 'joins/s=%.0f'%d['joinsPerSecond'], 'other=%.2f'%d['otherCpuCores'], 'correct=',d['correct'])" | tee -a "$OUT/summary.txt"
    sleep 1
  done
done
