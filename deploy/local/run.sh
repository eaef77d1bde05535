#!/usr/bin/env bash
# Runs Redshift Autopilot on this machine: moto_server (emulated SQS/SNS/CloudWatch/Secrets
# Manager) with the topology provisioned, and the four services. Builds what is missing first.
# Ctrl-C stops everything it started.
#   Options (environment): SCENARIO (redshift-sim scenario, default star-schema), MOTO_PORT (5000),
#   PG_PORT (5433), SIM_PORT (5439), REBUILD=1 to force a build, RUN_SECONDS=n to stop by itself
#   after n seconds (used by smoke checks).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
MOTO_PORT=${MOTO_PORT:-5000}
PG_PORT=${PG_PORT:-5433}
SIM_PORT=${SIM_PORT:-5439}
SCENARIO=${SCENARIO:-star-schema}
STATE=${ROOT}/.local
mkdir -p "$STATE"
PIDS=()

say() { printf '\033[1m[local]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[local] %s\033[0m\n' "$*" >&2; exit 1; }

cleanup() {
  trap - INT TERM EXIT
  if [ ${#PIDS[@]} -gt 0 ]; then
    say "stopping ${#PIDS[@]} processes"
    kill "${PIDS[@]}" 2>/dev/null || true
    for _ in $(seq 1 50); do
      alive=0; for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
      [ $alive = 0 ] && break; sleep 0.2
    done
    kill -9 "${PIDS[@]}" 2>/dev/null || true
  fi
  say "stopped; logs are in $STATE"
}
trap cleanup INT TERM EXIT

command -v java >/dev/null || die "java not found: install a JDK 17 (apt-get install openjdk-17-jdk-headless)"
command -v moto_server >/dev/null || die "moto_server not found: install it with pip install 'moto[server]'"
for p in MOTO_PORT PG_PORT SIM_PORT; do
  if (exec 3<>/dev/tcp/127.0.0.1/"${!p}") 2>/dev/null; then
    die "port ${!p} is in use: stop what uses it or set $p to a free port"
  fi
done

SERVICES=(collector-service analyzer-service maintenance-service alerting-service)
PORTS=(8081 8082 8083 8084)
need_build=${REBUILD:-0}
for s in "${SERVICES[@]}"; do [ -f "$s/target/quarkus-app/quarkus-run.jar" ] || need_build=1; done
[ -f test-support/target/classpath.txt ] || need_build=1
[ -f redshift-sim/target/redshift-sim-app.jar ] || need_build=1
if [ "$need_build" = 1 ]; then
  say "building (first run takes a few minutes; tests skipped: run them with ./mvnw verify)"
  ./mvnw -B -q -DskipTests install || die "build failed: see the Maven output above"
fi

say "starting moto_server on 127.0.0.1:$MOTO_PORT"
moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"$STATE/moto.log" 2>&1 &
PIDS+=($!)
ENDPOINT=http://127.0.0.1:$MOTO_PORT
for _ in $(seq 1 100); do curl -fs "$ENDPOINT/moto-api/" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$ENDPOINT/moto-api/" >/dev/null 2>&1 || die "moto_server did not start: see $STATE/moto.log"

TS_CP="test-support/target/classes:$(cat test-support/target/classpath.txt)"
JUL=-Djava.util.logging.manager=org.jboss.logmanager.LogManager

say "starting PostgreSQL (service state) on 127.0.0.1:$PG_PORT"
java $JUL -cp "$TS_CP" autopilot.testsupport.LocalPostgres "$PG_PORT" "$STATE/postgres" >"$STATE/postgres.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 150); do grep -q POSTGRES_URL "$STATE/postgres.log" && break; sleep 0.2; done
grep -q POSTGRES_URL "$STATE/postgres.log" || die "PostgreSQL did not start: see $STATE/postgres.log"

say "starting redshift-sim (scenario $SCENARIO) on 127.0.0.1:$SIM_PORT"
java -jar redshift-sim/target/redshift-sim-app.jar --scenario "$SCENARIO" --port "$SIM_PORT" >"$STATE/redshift-sim.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 300); do grep -q "ready in" "$STATE/redshift-sim.log" && break; sleep 0.2; done
grep -q "ready in" "$STATE/redshift-sim.log" || die "redshift-sim did not start: see $STATE/redshift-sim.log"

say "provisioning queues and topics"
java $JUL -cp "$TS_CP" autopilot.testsupport.ProvisionTopology "$ENDPOINT" >"$STATE/topology.env" || die "provisioning failed"
# shellcheck disable=SC1091
. "$STATE/topology.env"

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
export AUTOPILOT_AWS_REGION=us-east-1 AUTOPILOT_AWS_ENDPOINT_OVERRIDE=$ENDPOINT
export AUTOPILOT_ANALYZER_RECOMMENDATIONS_TOPIC_ARN=$RECOMMENDATIONS_TOPIC_ARN
export AUTOPILOT_MAINTENANCE_RECOMMENDATIONS_TOPIC_ARN=$RECOMMENDATIONS_TOPIC_ARN
export AUTOPILOT_ALERTING_PAGES_TOPIC_ARN=$PAGES_TOPIC_ARN
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres QUARKUS_DATASOURCE_USERNAME=postgres
# The collector watches the simulated cluster as its least-privileged monitoring user.
COLLECTOR_OPTS=(-Dautopilot.collector.clusters.local.jdbc-url="jdbc:redshift://127.0.0.1:$SIM_PORT/dev?ssl=false"
  -Dautopilot.collector.clusters.local.user=monitor -Dautopilot.collector.clusters.local.password=Monitor-pass1
  -Dautopilot.collector.workload-interval=PT30S -Dautopilot.collector.table-health-interval=PT1M)

for i in "${!SERVICES[@]}"; do
  s=${SERVICES[$i]}
  say "starting $s on :${PORTS[$i]}"
  opts=()
  [ "$s" = collector-service ] && opts=("${COLLECTOR_OPTS[@]}")
  java -Xmx256m "${opts[@]}" -jar "$s/target/quarkus-app/quarkus-run.jar" >"$STATE/$s.log" 2>&1 &
  PIDS+=($!)
done

for i in "${!SERVICES[@]}"; do
  s=${SERVICES[$i]}; url=http://127.0.0.1:${PORTS[$i]}/q/health/ready
  for _ in $(seq 1 150); do curl -fs "$url" >/dev/null 2>&1 && break; sleep 0.4; done
  curl -fs "$url" >/dev/null 2>&1 || die "$s is not ready: see $STATE/$s.log"
  say "$s ready   $url"
done

cat <<SUMMARY

  Redshift Autopilot is running locally.
    AWS emulator      $ENDPOINT   (aws --endpoint-url $ENDPOINT sqs list-queues)
    Redshift (sim)    $(grep 'JDBC:' "$STATE/redshift-sim.log" | sed 's/^ *JDBC: *//')
                      $(grep 'psql:' "$STATE/redshift-sim.log" | sed 's/^ *//')
    PostgreSQL        jdbc:postgresql://127.0.0.1:$PG_PORT/postgres (service state)
    clusters          http://127.0.0.1:8081/api/v1/clusters
    collector         http://127.0.0.1:8081/q/health
    analyzer          http://127.0.0.1:8082/q/health
    maintenance       http://127.0.0.1:8083/q/health
    alerting          http://127.0.0.1:8084/q/health
    metrics           http://127.0.0.1:808{1..4}/q/metrics
    pages topic       $PAGES_TOPIC_ARN
  Logs: $STATE/*.log     Ctrl-C stops everything.

SUMMARY

if [ -n "${RUN_SECONDS:-}" ]; then sleep "$RUN_SECONDS"; exit 0; fi
wait
