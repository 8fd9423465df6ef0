#!/usr/bin/env bash
# Interleaved A/B at 10k msg/s: echo, relay, native on several servers (each pinned to CPU 0).
# usage: ab.sh OUTDIR ROUNDS "label:jar:port:jvmflags:protocol" ...
set -uo pipefail
OUT=$1; ROUNDS=$2; shift 2; mkdir -p "$OUT"
GEN=${GEN:-signaling-bench/target/signaling-bench.jar}
declare -A PIDS PORTS PROTOS
LABELS=()
for spec in "$@"; do
  IFS=: read -r label jar port flags proto <<<"$spec"
  LABELS+=("$label"); PORTS[$label]=$port; PROTOS[$label]=$proto
  if [ -z "${SRV[$port]:-}" ] 2>/dev/null; then :; fi
  if ! curl -fs "http://127.0.0.1:$port/stats" >/dev/null 2>&1; then
    taskset -c 0 java $flags -Xlog:gc:file="$OUT/gc-$port.log" -jar "$jar" server --port $port --transport netty > "$OUT/server-$port.log" 2>&1 &
    echo "server $port pid $!" >> "$OUT/pids"
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/stats" >/dev/null 2>&1 && break; sleep 0.2; done
  fi
  PIDS[$label]=$(awk -v p=$port '$2==p{print $4}' "$OUT/pids" | head -1)
done
for label in "${LABELS[@]}"; do
  taskset -c 1 java -jar $GEN pairs --port ${PORTS[$label]} --protocol ${PROTOS[$label]} --pairs 500 --size 1000 --rate 5000 --warmup 0 --duration 15 --quiet >/dev/null 2>&1
done
for round in $(seq 1 $ROUNDS); do
  for label in "${LABELS[@]}"; do
    L=$(cut -d' ' -f1 /proc/loadavg)
    taskset -c 1 java -jar $GEN pairs --port ${PORTS[$label]} --protocol ${PROTOS[$label]} --pairs 500 --size 1000 --rate 10000 --warmup 5 --duration 10 \
      --server-pid ${PIDS[$label]} --source-addresses 4 --quiet --out "$OUT/r$round-$label.json" >/dev/null 2>&1
    cpu=$(grep -o '"serverCpuUsPerMsg" : [0-9.]*' "$OUT/r$round-$label.json" | awk '{print $3}')
    p99=$(grep -o '"rttP99Ms" : [0-9.]*' "$OUT/r$round-$label.json" | awk '{print $3}')
    lost=$(grep -o '"lost" : [0-9]*' "$OUT/r$round-$label.json" | awk '{print $3}')
    other=$(grep -o '"otherCpu[A-Za-z]*" : [0-9.]*' "$OUT/r$round-$label.json" | head -1)
    echo "round $round $label cpu_us_per_msg=$cpu p99_ms=$p99 lost=$lost load1=$L $other" | tee -a "$OUT/summary.txt"
    sleep 1
  done
done
for p in $(awk '{print $4}' "$OUT/pids"); do kill $p; done
