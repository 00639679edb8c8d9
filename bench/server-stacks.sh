#!/usr/bin/env bash
# What an HTTP server stack itself costs when doing the relay's hop (issue 6): the same small handler (parse the
# posted chat request with Jackson, forward it with Apache HttpClient 5 classic, pooled, parse the answer's usage,
# write the answer back) on Spring MVC as the relay runs it, Spring MVC with its optional filters off, a plain
# servlet on embedded Tomcat, the JDK's HttpServer, Netty and Helidon SE; each in its own JVM, one after another,
# against a static OpenAI-shaped upstream served by nginx, beside nginx proxy_pass doing the same hop.
#
#   bench/server-stacks.sh [seconds per arm, 10] [stack ...]   (STACK_JAVA_OPTS: more options for the stacks' JVMs)
#
# wrk at 1 and 64 connections; loopback only; every load is bounded in time. Installs wrk and nginx-light from
# Debian's packages when they are missing. On a shared machine, run it under `flock /tmp/bench.lock`.
set -euo pipefail
cd "$(dirname "$0")/.."

ARM_SECONDS=${1:-10}
shift || true
STACKS=("$@")
if [ ${#STACKS[@]} -eq 0 ]; then
  STACKS=(spring-mvc spring-mvc-lean tomcat-servlet jdk-httpserver netty helidon-se)
fi
WORK=$(mktemp -d /tmp/veloera-stacks.XXXXXX)
# apart from bench/request-path.sh's ports, so a platform left running by it cannot answer here
STATIC_PORT=18280 PROXY_PORT=18281 FIRST_STACK_PORT=18290

source bench/static-upstream.sh

cleanup() { stop_static_upstream; }
trap cleanup EXIT

start_static_upstream

if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -B -q -f bench/server-stacks/pom.xml -DskipTests package
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
./veloera java -cp "bench/server-stacks/target/classes:bench/server-stacks/target/lib/*" dev.veloera.bench.stacks.Driver \
  "http://127.0.0.1:$STATIC_PORT" "http://127.0.0.1:$PROXY_PORT" "$ARM_SECONDS" "$WORK" "$FIRST_STACK_PORT" "${STACKS[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); stack logs in $WORK"
