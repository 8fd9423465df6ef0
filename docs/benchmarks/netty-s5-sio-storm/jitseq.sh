#!/usr/bin/env bash
# jitseq.sh <jar> <outdir>: compare.sh's order on one fresh server (JFR on): per protocol, pairs warm-up 20 s at 5000/s, then a storm.
set -euo pipefail
JAR=$1; OUT=$2; PORT=${PORT:-18272}
mkdir -p "$OUT"
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"
taskset -c 0 java -Xlog:gc:file="$OUT/gc.log":time,uptime -XX:StartFlightRecording=settings=profile,filename=$OUT/server.jfr,dumponexit=true -jar "$JAR" server --port $PORT --transport netty > "$OUT/server.log" 2>&1 &
SPID=$!
trap 'kill $SPID 2>/dev/null; wait $SPID 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$PORT/stats" >/dev/null 2>&1 && break; sleep 0.2; done
python3 /work/sio-perf/tsample.py $SPID "$OUT/threads.txt" &
for p in ${PROTOCOLS:-native socketio}; do
  echo "$(date +%s.%N | cut -c1-14) $p warmup start" >> "$OUT/progress.txt"
  taskset -c 1 java -jar "$JAR" pairs --port $PORT --protocol $p --pairs 500 --size 1000 --rate 5000 --warmup 0 --duration 20 --quiet > /dev/null 2>&1 || true
  echo "$(date +%s.%N | cut -c1-14) $p warmup end" >> "$OUT/progress.txt"
  taskset -c 1 java -jar "$JAR" storm --clients ${CLIENTS:-5000} --port $PORT --protocol $p --server-pid $SPID \
      --source-addresses 4 --out "$OUT/$p.json" 2>&1 >/dev/null | while IFS= read -r line; do echo "$(date +%s.%N | cut -c1-14) $p r1 $line"; done >> "$OUT/progress.txt"
  python3 -c "import json,sys; d=json.load(open('$OUT/$p.json')); print('$p', 'us/join=%.1f'%d['serverCpuUsPerJoin'], 'joins/s=%.0f'%d['joinsPerSecond'], 'other=%.2f'%d['otherCpuCores'], 'correct=',d['correct'])" | tee -a "$OUT/summary.txt"
done
