#!/usr/bin/env bash
# The request-path benchmark: what the relay adds to a chat completion, against nginx doing the same hop.
#
#   bench/request-path.sh [sqlite|postgresql] [seconds per arm, 10] [seconds sustained, 60]
#
# A static OpenAI-shaped upstream served by nginx; the same request sent straight to it, through nginx
# proxy_pass, and through the relay of a platform started here (its own data directory and ports, on
# SQLite or on a fresh PostgreSQL database); a warm-up at 64 connections (WARM_UP_SECONDS, 40) and the pipeline
# drained; the relay held at 64 connections while the settlement, read-model and logs lags are sampled; then, warm
# and drained, wrk at 1 and 64 connections against the three arms; last, the relay and nginx again with the rest of
# the pipeline stopped (RELAY_ALONE=0 skips that). Loopback only; every load is bounded in time. Installs
# wrk and nginx-light from Debian's packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

ENGINE=${1:-sqlite}
ARM_SECONDS=${2:-10}
SUSTAIN_SECONDS=${3:-60}
WORK=$(mktemp -d /tmp/veloera-bench.XXXXXX)
STATIC_PORT=18080 PROXY_PORT=18081
export VELOERA_RELAY_METRICS_PORT=19464 VELOERA_RELAY_METRICS_URL=http://127.0.0.1:19464
export VELOERA_DATA_DIR="$WORK/data" VELOERA_RELAY_PORT=13000 VELOERA_COMMAND_PORT=18181 \
       VELOERA_QUERY_PORT=18182 VELOERA_ANALYTICS_PORT=18183 KAFKA_PORT=19092 KAFKA_CONTROLLER_PORT=19093

source bench/static-upstream.sh

PG_DB=""
case "$ENGINE" in
  sqlite) ;;
  postgresql)
    PG_DB="veloera_bench_$$"
    psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $PG_DB"
    export VELOERA_DB_URL="jdbc:postgresql://127.0.0.1:5432/$PG_DB" VELOERA_DB_USERNAME=postgres VELOERA_DB_POOL_SIZE=10
    ;;
  *) echo "usage: bench/request-path.sh [sqlite|postgresql] [arm seconds] [sustained seconds]" >&2; exit 2 ;;
esac

PLATFORM_PID=""
STOPPED=""
cleanup() {
  if [ -n "$STOPPED" ]; then kill -CONT $STOPPED 2>/dev/null || true; fi
  if [ -n "$PLATFORM_PID" ]; then kill "$PLATFORM_PID" 2>/dev/null || true; wait "$PLATFORM_PID" 2>/dev/null || true; fi
  stop_static_upstream
  if [ -n "$PG_DB" ]; then psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $PG_DB" || true; fi
}
trap cleanup EXIT

start_static_upstream

if [ "${SKIP_BUILD:-}" != 1 ]; then ./mvnw -B -q -DskipTests package; fi
./veloera java -jar platform/target/platform.jar > "$WORK/platform.out" 2>&1 &
PLATFORM_PID=$!
for _ in $(seq 1 240); do
  grep -q "Veloera is running" "$WORK/platform.out" && break
  kill -0 "$PLATFORM_PID" 2>/dev/null || { cat "$WORK/platform.out"; exit 1; }
  sleep 1
done
grep -q "Veloera is running" "$WORK/platform.out" || { echo "the platform did not start; see $WORK" >&2; exit 1; }

echo "engine $ENGINE; load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
./veloera java bench/RequestPath.java "http://127.0.0.1:$VELOERA_RELAY_PORT" "http://127.0.0.1:$STATIC_PORT" \
  "http://127.0.0.1:$PROXY_PORT" "$ARM_SECONDS" "$SUSTAIN_SECONDS" "$WORK"

# The relay with the machine to itself (RELAY_ALONE=0 skips it): the broker (the platform JVM), query-service and
# analytics-streams stopped with SIGSTOP while wrk measures nginx proxy_pass and the relay again; command-service keeps
# running to grant leases. What the relay's own path costs, apart from the pipeline behind it on the same cores.
arm() { # label, connections, url
  local out
  out=$(wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"${ARM_SECONDS}s" --timeout 10s --latency -s "$WORK/post.lua" "$3")
  printf '%11d | %-16s | %8s | %8s | %9s | %s\n' "$2" "$1" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
    "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | grep -E 'Socket errors|Non-2xx' | tr -s ' ' | tr '\n' ' ')"
}
measure_arms() { # heading
  echo
  echo "$1 (wrk $ARM_SECONDS s per arm)"
  echo "connections | arm              |      p50 |      p99 |     req/s | errors"
  for connections in 1 64; do
    arm "nginx proxy_pass" $connections "http://127.0.0.1:$PROXY_PORT/v1/chat/completions"
    arm "relay" $connections "http://127.0.0.1:$VELOERA_RELAY_PORT/v1/chat/completions"
  done
}
if [ "${RELAY_ALONE:-1}" = 1 ]; then
  STOPPED="$(pgrep -f '(query-service|analytics-streams)\.jar' | tr '\n' ' ') $(pgrep -f 'platform/target/platform\.jar' | tr '\n' ' ')"
  kill -STOP $STOPPED
  measure_arms "the relay with the machine to itself (broker, query-service, analytics-streams stopped)"
  kill -CONT $STOPPED
  STOPPED=""
fi
echo
echo "the relay's answers over the whole run (its metrics: served by outcome, refused before any quota was taken):"
curl -s "$VELOERA_RELAY_METRICS_URL/actuator/prometheus" | grep -E '^veloera_relay_(requests|refused)_total' || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); service logs in $WORK/data/logs"
