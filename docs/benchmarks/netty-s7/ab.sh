#!/usr/bin/env bash
# ab.sh <label> <jar> <reps> <protocols...>: one pinned Netty bench server; each protocol warmed,
# then <reps> interleaved rounds over the protocols at $RATE (10 s windows), server CPU/msg and the
# server's syscalls/softirqs per message (perf stat). Loopback only, bounded.
set -uo pipefail
LABEL=$1; JAR=$2; REPS=$3; shift 3
RATE=${RATE:-10000}; PORT=${PORT:-18070}; OUT=${RUNS:-/tmp/netty-s7-runs}/ab/$LABEL
mkdir -p "$OUT"
taskset -c 0 java ${SERVER_JAVA_OPTS:-} -Xlog:gc:file="$OUT/gc.log":uptime -jar "$JAR" server --port $PORT --transport netty > "$OUT/server.log" 2>&1 &
SP=$!; trap 'kill $SP 2>/dev/null' EXIT
for i in $(seq 1 100); do curl -fs http://127.0.0.1:$PORT/stats >/dev/null && break; sleep 0.2; done
for proto in "$@"; do
  taskset -c 1 java -jar "$JAR" pairs --port $PORT --protocol $proto --pairs 500 --size 1000 --rate 5000 --warmup 0 --duration ${WARM:-15} --quiet >/dev/null
done
for r in $(seq 1 $REPS); do
  for proto in "$@"; do
    ( sleep 6; perf stat -x, -e 'task-clock,raw_syscalls:sys_enter,syscalls:sys_enter_recvfrom,syscalls:sys_enter_sendto,syscalls:sys_enter_writev,syscalls:sys_enter_epoll_pwait2,irq:softirq_entry' -p $SP -o "$OUT/$proto-$r-perf.txt" -- sleep 8 ) &
    PP=$!
    taskset -c 1 java -jar "$JAR" pairs --port $PORT --protocol $proto --pairs 500 --size 1000 --rate $RATE --warmup 5 --duration 10 --server-pid $SP --source-addresses 4 --quiet --out "$OUT/$proto-$r.json" > /dev/null
    wait $PP
    python3 - "$OUT/$proto-$r.json" "$OUT/$proto-$r-perf.txt" "$LABEL" "$proto" "$r" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); v = {}
for line in open(sys.argv[2]):
    p = line.strip().split(",")
    if len(p) > 3 and p[0] and p[0][0].isdigit():
        v[p[2].replace("raw_syscalls:sys_enter", "all").replace("syscalls:sys_enter_", "")] = float(p[0])
n = 80000.0
print(f"{sys.argv[3]:10s} {sys.argv[4]:9s} r{sys.argv[5]} cpu/msg={d['serverCpuUsPerMsg']:5.1f} perf={v.get('task-clock',0)*1000/n:5.1f} p99={d['rttP99Ms']:6.2f} lost={d.get('lost','?')} other={d['otherCpuCores']:.2f} sys/msg={v.get('all',0)/n:.2f} send={(v.get('sendto',0)+v.get('writev',0))/n:.2f} recv={v.get('recvfrom',0)/n:.2f} epoll={v.get('epoll_pwait2',0)/n:.2f} softirq={v.get('irq:softirq_entry',0)/n:.2f}", flush=True)
PY
  done
done
