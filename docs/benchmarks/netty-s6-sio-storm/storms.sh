#!/bin/bash
# storms.sh <jar> <label> <rounds> [protocols]: one server (pinned CPU 0), warm-up pairs, then
# alternating settled 10k-client storms per protocol; prints µs/join, joins/s, load.
JAR=$1; LABEL=$2; ROUNDS=${3:-2}; PROTOS=${4:-"socketio native"}
PORT=${PORT:-18090}; CLIENTS=${CLIENTS:-10000}; OUT=${RUNS:-/tmp/sio-storm-runs}/$LABEL-$(date +%H%M%S)
mkdir -p $OUT
while [ -e /work/helpers/BENCH-RUNNING ]; do sleep 30; done
taskset -c 0 java -Xlog:gc:file=$OUT/gc.log -jar $JAR server --port $PORT --transport netty > $OUT/server.log 2>&1 &
PID=$!
for i in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/stats" >/dev/null 2>&1 && break; sleep 0.5; done
for p in $PROTOS; do
  taskset -c 1 java -jar $JAR pairs --port $PORT --protocol $p --pairs 500 --size 1000 --rate 5000 --warmup 0 --duration ${WARM:-15} --quiet >/dev/null 2>&1
done
for r in $(seq 1 $ROUNDS); do
  for p in $PROTOS; do
    taskset -c 1 java -jar $JAR storm --port $PORT --protocol $p --clients $CLIENTS --server-pid $PID \
      --source-addresses 4 --settle-server 15 --quiet --out $OUT/r$r-$p-storm.json >/dev/null 2>&1
    python3 - "$OUT/r$r-$p-storm.json" "$LABEL" "$r" "$p" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json,sys
d=json.load(open(sys.argv[1]))
print(f"{sys.argv[2]} r{sys.argv[3]} {sys.argv[4]:8s} us/join={d.get('serverCpuUsPerJoin')} joins/s={d['joinsPerSecond']:.0f} correct={d['correct']} settle={d['serverSettleSeconds']} other={d.get('otherCpuCores',0):.2f} load={sys.argv[5]}")
PY
  done
done | tee $OUT/summary.txt
kill $PID; wait $PID 2>/dev/null
