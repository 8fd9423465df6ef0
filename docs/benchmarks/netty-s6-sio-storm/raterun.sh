#!/bin/bash
# raterun.sh <jar> <label> <protocol> [rate]: pinned server, 10 s warm-up at 5k, 20 s measured at RATE; perf stat over the server during the measured run
JAR=$1; LABEL=$2; P=$3; RATE=${4:-10000}; PORT=18093
OUT=${RUNS:-/tmp/sio-storm-runs}/rate-$LABEL-$P-$(date +%H%M%S); mkdir -p $OUT
while [ -e /work/helpers/BENCH-RUNNING ]; do sleep 30; done
taskset -c 0 java -jar $JAR server --port $PORT --transport netty > $OUT/server.log 2>&1 &
PID=$!
for i in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/stats" >/dev/null 2>&1 && break; sleep 0.5; done
taskset -c 1 java -jar $JAR pairs --port $PORT --protocol $P --pairs 500 --size 1000 --rate 5000 --warmup 0 --duration 10 --quiet >/dev/null 2>&1
perf stat -x , -e task-clock,context-switches,syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_read,syscalls:sys_enter_sendto,syscalls:sys_enter_recvfrom,syscalls:sys_enter_epoll_wait,raw_syscalls:sys_enter -p $PID -o $OUT/stat.txt &
PERF=$!
taskset -c 1 java -jar $JAR pairs --port $PORT --protocol $P --pairs 500 --size 1000 --rate $RATE --warmup 5 --duration 20 --server-pid $PID --quiet --out $OUT/rate.json > /dev/null 2>&1
kill -INT $PERF; wait $PERF
kill $PID; wait $PID 2>/dev/null
python3 - $OUT $LABEL $P "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json,sys
d=json.load(open(sys.argv[1]+"/rate.json")); v={}
for line in open(sys.argv[1]+"/stat.txt"):
    p=line.strip().split(",")
    if len(p)>3 and p[0] and p[0][0].isdigit(): v[p[2].replace("syscalls:sys_enter_","")]=float(p[0])
print(f"{sys.argv[2]:16s} {sys.argv[3]:8s} cpu/msg={d.get('serverCpuUsPerMsg')} p99={d.get('rttP99Ms')} relayed/s={d.get('relayedPerSecond')} lost={d.get('lost')} other={d.get('otherCpuCores',0):.2f} load={sys.argv[4]} | perf: writes={(v.get('write',0)+v.get('writev',0)+v.get('sendto',0)):.0f} reads={(v.get('read',0)+v.get('recvfrom',0)):.0f} all={v.get('raw_syscalls:sys_enter',0):.0f} cs={v.get('context-switches',0):.0f} task-clock-ms={v.get('task-clock',0):.0f}")
PY
