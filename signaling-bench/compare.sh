#!/usr/bin/env bash
# One-command comparison: our example server vs the codelab's Node server on socket.io 4.8.
# Each server runs alone, pinned to CPU 0; the load generator is pinned to CPU 1. Rounds are
# interleaved (round 1: Java then Node, round 2: Node then Java, ...) so drift on a shared
# machine falls on both. Loopback only; every run is bounded in time and count.
# Our server runs once per transport in TRANSPORTS: grizzly (labels java-echo, java-native,
# java-socketio) and netty (netty-echo, netty-native, netty-socketio).
#
#   signaling-bench/compare.sh            # full run (about 25 minutes on 2 cores)
#   ROUNDS=1 RATES="5000 10000" DURATION=5 signaling-bench/compare.sh   # a quick look
#   ROUNDS=3 RATES=10000 ROOM_TESTS=0 signaling-bench/compare.sh       # just the 10k targets
#   TRANSPORTS=netty signaling-bench/compare.sh                         # Netty against Node only
#
# Results: signaling-bench/target/compare-<time>/ (one JSON per run, summary.md, rtt-vs-load.png).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-2}
RATES=${RATES:-"5000 10000 12500 15000 17500 20000"}
REFERENCE_RATE=${REFERENCE_RATE:-10000}
PAIRS=${PAIRS:-500}
SIZE=${SIZE:-1000}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-10}
IDLE=${IDLE:-10000}
STORM=${STORM:-10000}
CHURN_RATE=${CHURN_RATE:-200}
CHURN_SECONDS=${CHURN_SECONDS:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
ROOM_TESTS=${ROOM_TESTS:-1}   # 0: load tests only (idle, storm, churn skipped)
STORM_SETTLE=${STORM_SETTLE:-0}  # >0: storm --settle-server (wait up to N s for the server to go idle first)
STORMS=${STORMS:-3}  # measured storms per round (after two warm-ups): the median one is reported
SERVER_CPU=${SERVER_CPU:-0}
GENERATOR_CPU=${GENERATOR_CPU:-1}
TRANSPORTS=${TRANSPORTS:-"grizzly netty"}
JAVA_PORT=${JAVA_PORT:-18080}
NETTY_PORT=${NETTY_PORT:-18070}
NODE_PORT=${NODE_PORT:-18090}
OUT=${OUT:-signaling-bench/target/compare-$(date +%Y%m%d-%H%M%S)}

# Many connections need many descriptors: raise the soft limit as far as the hard one allows.
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"

JAR=signaling-bench/target/signaling-bench.jar
if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  mvn -B -q -ntp -pl signaling-bench -am package -DskipTests
fi
# Run from a copy, so a rebuild during a long comparison cannot change the jar under it.
mkdir -p "$OUT"
cp "$JAR" "$OUT/signaling-bench.jar"
JAR="$OUT/signaling-bench.jar"
(cd signaling-bench/node && npm ci --no-audit --no-fund --loglevel=error)
mkdir -p "$OUT"

{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "node: $(node --version), socket.io $(node -p "require('./signaling-bench/node/node_modules/socket.io/package.json').version" 2>/dev/null || echo '?')"
  echo "kernel: $(uname -r)"
  echo "ulimit -n: $(ulimit -n)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu pressure before: $(head -1 /proc/pressure/cpu 2>/dev/null || echo n/a)"
  echo "server JVM flags: ${SERVER_JAVA_OPTS:-none}"
  echo "settings: transports=[$TRANSPORTS] rounds=$ROUNDS rates=[$RATES] pairs=$PAIRS size=$SIZE warmup=$WARMUP duration=$DURATION idle=$IDLE storm=$STORM storm-settle=${STORM_SETTLE}s storms=$STORMS churn=${CHURN_RATE}/s×${CHURN_SECONDS}s"
} | tee "$OUT/machine.txt"

SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
trap stop_server EXIT

wait_for() {
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$1/stats" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "server on port $1 did not come up" >&2
  return 1
}

gen() { # gen <label> <round> <test> <port> <protocol> <scenario args...>
  local label=$1 round=$2 test=$3 port=$4 protocol=$5
  shift 5
  echo "== round $round: $label $test"
  taskset -c "$GENERATOR_CPU" java -jar "$JAR" "$@" --port "$port" --protocol "$protocol" \
    --server-pid "$SERVER_PID" --source-addresses 4 --quiet --out "$OUT/r$round-$label-$test.json" \
    | grep -E 'relayedPerSecond|rttP99Ms|serverCpuUsPerMsg|generatorCpuCores|otherCpuCores|PerConnection|joinsPerSecond|correct|leakFree|lost' || true
  sleep 1
}

warm_up() { # warm_up <port> <protocol>: not recorded; lets the JIT (Java's C2, Node's V8) finish
  # compiling first, since on one pinned core compilation would otherwise be billed to the
  # first measured run (and inflate, say, the echo floor that everything is divided by).
  echo "== warm-up $2 (${WARMUP_SECONDS}s, not recorded)"
  taskset -c "$GENERATOR_CPU" java -jar "$JAR" pairs --port "$1" --protocol "$2" --pairs "$PAIRS" --size "$SIZE" \
    --rate 5000 --warmup 0 --duration "$WARMUP_SECONDS" --quiet > /dev/null || true
}

load_tests() { # load_tests <label> <round> <port> <protocol>
  for rate in $RATES; do
    gen "$1" "$2" "rate$rate" "$3" "$4" pairs --pairs "$PAIRS" --size "$SIZE" --rate "$rate" --warmup "$WARMUP" --duration "$DURATION"
  done
}

room_tests() { # room_tests <label> <round> <port> <protocol>
  [ "$ROOM_TESTS" = 1 ] || return 0
  gen "$1" "$2" idle "$3" "$4" idle --connections "$IDLE"
  gen "$1" "$2" storm "$3" "$4" storm --clients "$STORM" --settle-server "$STORM_SETTLE" --storms "$STORMS"
  gen "$1" "$2" churn "$3" "$4" churn --sessions-per-second "$CHURN_RATE" --duration "$CHURN_SECONDS"
}

run_java() { # run_java <round> <transport>: our server on grizzly (labels java-*) or netty (netty-*)
  local prefix=java port=$JAVA_PORT
  if [ "$2" = netty ]; then prefix=netty; port=$NETTY_PORT; fi
  # The GC log costs nothing measurable and tells whether a latency spike was a collection.
  # SERVER_JAVA_OPTS adds flags (none by default: the comparison uses the JVM's defaults).
  # shellcheck disable=SC2086
  taskset -c "$SERVER_CPU" java -Xlog:gc:file="$OUT/$prefix-gc-r$1.log" ${SERVER_JAVA_OPTS:-} -jar "$JAR" \
    server --port "$port" --transport "$2" > "$OUT/$prefix-server-r$1.log" 2>&1 &
  SERVER_PID=$!
  wait_for "$port"
  # Each protocol is warmed up right before its own runs: warmed earlier and then left idle
  # while another protocol ran, its first measured runs cost 20-50 % more (JIT re-profiling).
  warm_up "$port" echo
  load_tests $prefix-echo "$1" "$port" echo
  warm_up "$port" native
  load_tests $prefix-native "$1" "$port" native
  room_tests $prefix-native "$1" "$port" native
  # Our Socket.IO transport, where this build has it (the socketio work).
  if curl -fs "http://127.0.0.1:$port/socket.io/?EIO=4&transport=polling" >/dev/null 2>&1; then
    warm_up "$port" socketio
    load_tests $prefix-socketio "$1" "$port" socketio
    room_tests $prefix-socketio "$1" "$port" socketio
  else
    echo "(no /socket.io/ on the Java server in this build: Socket.IO comparison for Java pending)" | tee -a "$OUT/machine.txt"
  fi
  stop_server
}

run_ours() { # run_ours <round>: every transport, in reverse order on even rounds
  local order=$TRANSPORTS
  if [ $(($1 % 2)) -eq 0 ]; then order=$(echo "$TRANSPORTS" | tr ' ' '\n' | tac | xargs); fi
  for transport in $order; do run_java "$1" "$transport"; done
}

run_node() {
  (cd signaling-bench/node && PORT="$NODE_PORT" exec taskset -c "$SERVER_CPU" node --expose-gc server.js) > "$OUT/node-server-r$1.log" 2>&1 &
  SERVER_PID=$!
  wait_for "$NODE_PORT"
  warm_up "$NODE_PORT" socketio
  load_tests node-socketio "$1" "$NODE_PORT" socketio
  room_tests node-socketio "$1" "$NODE_PORT" socketio
  stop_server
}

for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then run_ours "$round"; run_node "$round"; else run_node "$round"; run_ours "$round"; fi
done
{ echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"; echo "cpu pressure after: $(head -1 /proc/pressure/cpu 2>/dev/null || echo n/a)"; } | tee -a "$OUT/machine.txt"

java -Djava.awt.headless=true -jar "$JAR" report "$OUT" --reference-rate "$REFERENCE_RATE"
