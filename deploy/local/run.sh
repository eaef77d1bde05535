#!/usr/bin/env bash
# Runs Redshift Autopilot on this machine: moto_server (emulated SQS/SNS/CloudWatch/Secrets
# Manager) with the topology provisioned, and the four services. Builds what is missing first.
# Ctrl-C or SIGTERM stops everything it started.
#   Options (environment): SCENARIO (redshift-sim scenario, default star-schema), MOTO_PORT (5000),
#   PG_PORT (5433), SIM_PORT (5439), REBUILD=1 to force a build, RUN_SECONDS=n to stop by itself
#   after n seconds (used by smoke checks). SCENARIO=night-incident plays a night on call: pages for a
#   blocking session, a runaway query and a filling disk within a minute or two, their resolve pages
#   once the incident ends (about six minutes after the simulator starts).
#   FLEET=n: n simulated clusters (redshift-sim fleet mode, scenario fleet-member unless SCENARIO is
#   set) on ports FLEET_PORT.. (default 5441), registered in moto's Redshift API with their tags, and
#   found by the services through discovery instead of configuration; COLLECTORS=n (default 1) starts
#   that many collector instances (ports 8081, 8085, 8086, ...), which share the clusters by lease.
#   A real cluster instead of the simulator: REDSHIFT_JDBC_URL, REDSHIFT_USER, REDSHIFT_PASSWORD (the
#   monitoring user; its grants are in collector-service/README.md, "Grants"), NODE_TYPE (for the connection alarm, default ra3.xlplus;
#   NODE_TYPE=serverless for a Redshift Serverless workgroup named "local": AWS/Redshift-Serverless alarms and dashboard);
#   maintenance then runs in dry-run unless MAINTENANCE_USER and MAINTENANCE_PASSWORD are given.
#   The console (pages for people) is at http://127.0.0.1:8082/console (analyzer), :8083/console/maintenance
#   and :8084/console/alerts; the run prints them once the services are ready. CONSOLE_BASE_URL (default
#   http://127.0.0.1:8082) is the analyzer's autopilot.console.base-url: the address findings and pages link to.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
MOTO_PORT=${MOTO_PORT:-5000}
PG_PORT=${PG_PORT:-5433}
SIM_PORT=${SIM_PORT:-5439}
FLEET=${FLEET:-}
FLEET_PORT=${FLEET_PORT:-5441}
COLLECTORS=${COLLECTORS:-1}
CONSOLE_BASE_URL=${CONSOLE_BASE_URL:-http://127.0.0.1:8082}
SCENARIO_GIVEN=${SCENARIO:-}
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
# INT and TERM exit after cleaning up: the script must not go on starting services it just stopped.
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap cleanup EXIT

command -v java >/dev/null || die "java not found: install a JDK 17 (apt-get install openjdk-17-jdk-headless)"
command -v moto_server >/dev/null || die "moto_server not found: install it with pip install 'moto[server]'"
if [ -n "$FLEET" ]; then
  [[ "$FLEET" =~ ^[1-9][0-9]*$ ]] || die "FLEET must be a number of clusters, e.g. FLEET=20 (found '$FLEET')"
  [ -z "${REDSHIFT_JDBC_URL:-}" ] || die "FLEET simulates clusters: unset REDSHIFT_JDBC_URL, or drop FLEET to watch a real cluster"
  command -v python3 >/dev/null && python3 -c 'import boto3' 2>/dev/null \
    || die "FLEET registers the clusters with boto3, which comes with moto: pip install 'moto[server]'"
fi
[[ "$COLLECTORS" =~ ^[1-9]$ ]] || die "COLLECTORS must be 1 to 9 (found '$COLLECTORS')"
PORTS_TO_CHECK=(MOTO_PORT PG_PORT)
[ -z "${REDSHIFT_JDBC_URL:-}" ] && [ -z "$FLEET" ] && PORTS_TO_CHECK+=(SIM_PORT)
for p in "${PORTS_TO_CHECK[@]}"; do
  if (exec 3<>/dev/tcp/127.0.0.1/"${!p}") 2>/dev/null; then
    die "port ${!p} is in use: stop what uses it or set $p to a free port"
  fi
done
if [ -n "$FLEET" ]; then
  for port in $(seq "$FLEET_PORT" $((FLEET_PORT + FLEET - 1))); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
      die "port $port (of the fleet's $FLEET_PORT..$((FLEET_PORT + FLEET - 1))) is in use: stop what uses it or set FLEET_PORT"
    fi
  done
fi

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

if [ -n "${REDSHIFT_JDBC_URL:-}" ]; then
  CLUSTER_URL=$REDSHIFT_JDBC_URL; MONITOR_USER=${REDSHIFT_USER:?set REDSHIFT_USER}; MONITOR_PASSWORD=${REDSHIFT_PASSWORD:?set REDSHIFT_PASSWORD}
  MAINT_USER=${MAINTENANCE_USER:-$MONITOR_USER}; MAINT_PASSWORD=${MAINTENANCE_PASSWORD:-$MONITOR_PASSWORD}
  MAINT_DRY_RUN=$([ -n "${MAINTENANCE_USER:-}" ] && echo false || echo true)
  NODE_TYPE=${NODE_TYPE:-ra3.xlplus}
  say "using the real cluster $CLUSTER_URL (maintenance dry-run: $MAINT_DRY_RUN)"
elif [ -n "$FLEET" ]; then
  fleet_args=(--fleet "$FLEET" --base-port "$FLEET_PORT" --manifest "$STATE/fleet.json")
  [ -n "$SCENARIO_GIVEN" ] && fleet_args+=(--scenario "$SCENARIO_GIVEN")
  say "starting a redshift-sim fleet of $FLEET clusters on ports $FLEET_PORT..$((FLEET_PORT + FLEET - 1)) (about 5 s per cluster on 2 cores)"
  rm -f "$STATE/fleet.json"
  java -Xmx256m -jar redshift-sim/target/redshift-sim-app.jar "${fleet_args[@]}" >"$STATE/redshift-sim.log" 2>&1 &
  PIDS+=($!)
  shown=0
  for _ in $(seq 1 1800); do
    # Progress: the fleet's "n/N up" lines as they come.
    up=$(grep -c " up: " "$STATE/redshift-sim.log" 2>/dev/null || true)
    if [ "${up:-0}" -gt "$shown" ]; then say "  $(grep " up: " "$STATE/redshift-sim.log" | tail -1 | sed 's/^redshift-sim: //')"; shown=$up; fi
    grep -q "ready in" "$STATE/redshift-sim.log" && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  grep -q "ready in" "$STATE/redshift-sim.log" || die "the redshift-sim fleet did not start: see $STATE/redshift-sim.log"
  say "registering the fleet in moto's Redshift API (tags autopilot:monitor, autopilot:secret, ...)"
  # Maintenance logs in as the scenario's superuser (the tables' owner), as in the single-cluster run.
  python3 deploy/local/register-fleet.py "$STATE/fleet.json" --endpoint "$ENDPOINT" \
    --maintenance-user admin --maintenance-password Admin-pass1 >"$STATE/register-fleet.log" 2>&1 \
    || die "registering the fleet failed: see $STATE/register-fleet.log"
  CLUSTER_URL="$FLEET clusters, jdbc:redshift://127.0.0.1:$FLEET_PORT.. (manifest $STATE/fleet.json)"
  MONITOR_USER=monitor; MAINT_USER=admin
else
  scenario_file=redshift-sim/src/main/resources/autopilot/sim/scenarios/$SCENARIO.yaml
  [ -f "$scenario_file" ] || die "no scenario $SCENARIO: pick one of $(ls redshift-sim/src/main/resources/autopilot/sim/scenarios | sed 's/.yaml//' | tr '\n' ' ')"
  say "starting redshift-sim (scenario $SCENARIO) on 127.0.0.1:$SIM_PORT"
  java -jar redshift-sim/target/redshift-sim-app.jar --scenario "$SCENARIO" --port "$SIM_PORT" >"$STATE/redshift-sim.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 600); do grep -q "ready in" "$STATE/redshift-sim.log" && break; sleep 0.2; done
  grep -q "ready in" "$STATE/redshift-sim.log" || die "redshift-sim did not start: see $STATE/redshift-sim.log"
  CLUSTER_URL="jdbc:redshift://127.0.0.1:$SIM_PORT/dev?ssl=false"
  MONITOR_USER=monitor; MONITOR_PASSWORD=Monitor-pass1; MAINT_USER=admin; MAINT_PASSWORD=Admin-pass1; MAINT_DRY_RUN=false
  NODE_TYPE=$(grep -o 'nodeType: *[a-z0-9.]*' "$scenario_file" | head -1 | sed 's/nodeType: *//')
  # A Serverless scenario (cluster: {serverless: true}) stands for a workgroup: its alarms are on AWS/Redshift-Serverless.
  grep -q 'serverless: *true' "$scenario_file" && NODE_TYPE=serverless
fi

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
if [ -n "$FLEET" ]; then
  # Every service finds the clusters in moto's Redshift API by tag, as it would in AWS; the simulator's
  # endpoints are all on this machine (moto's endpoint names do not resolve).
  DISCOVERY=(-Dautopilot.discovery.enabled=true -Dautopilot.discovery.interval=PT1M -Dautopilot.discovery.serverless=false
    -Dautopilot.discovery.address-override=127.0.0.1 -Dautopilot.discovery.jdbc-properties=ssl=false)
  # Collections of many clusters are sequential per instance: a slower pace than one cluster's. The first
  # workload read goes back 2 hours, not a day: moto's SQS is one Python process, and a day of 20
  # clusters' workload is thousands of 256 KB parts it would take many minutes to pass on.
  COLLECTOR_OPTS=("${DISCOVERY[@]}" -Dautopilot.collector.workload-interval=PT2M -Dautopilot.collector.table-health-interval=PT5M
    -Dautopilot.collector.initial-lookback=PT2H)
  MAINTENANCE_OPTS=("${DISCOVERY[@]}" -Dautopilot.maintenance.discovered.window.cron="0 * * * *"
    -Dautopilot.maintenance.discovered.window.duration=PT1H -Dautopilot.maintenance.dry-run=false
    -Dautopilot.maintenance.poller.wait-time=PT2S)
  ALERTING_OPTS=("${DISCOVERY[@]}")
else
# The collector watches the cluster as its least-privileged monitoring user, every 30 s / 1 min here.
COLLECTOR_OPTS=(-Dautopilot.collector.clusters.local.jdbc-url="$CLUSTER_URL"
  -Dautopilot.collector.clusters.local.user="$MONITOR_USER" -Dautopilot.collector.clusters.local.password="$MONITOR_PASSWORD"
  -Dautopilot.collector.workload-interval=PT30S -Dautopilot.collector.table-health-interval=PT1M)
# Maintenance as a table owner, in a window that opens every hour for an hour: always open locally.
MAINTENANCE_OPTS=(-Dautopilot.maintenance.clusters.local.jdbc-url="$CLUSTER_URL"
  -Dautopilot.maintenance.clusters.local.user="$MAINT_USER" -Dautopilot.maintenance.clusters.local.password="$MAINT_PASSWORD"
  -Dautopilot.maintenance.clusters.local.window.cron="0 * * * *" -Dautopilot.maintenance.clusters.local.window.duration=PT1H
  -Dautopilot.maintenance.dry-run="$MAINT_DRY_RUN" -Dautopilot.maintenance.poller.wait-time=PT2S)
# Alerting keeps the recipe's alarms and a dashboard for the cluster (connection limit from its node type);
# a Serverless workgroup (NODE_TYPE=serverless) gets the AWS/Redshift-Serverless ones, by workgroup name "local".
if [ "$NODE_TYPE" = serverless ]; then
  ALERTING_OPTS=(-Dautopilot.alerting.clusters.local.kind=serverless)
else
  ALERTING_OPTS=(-Dautopilot.alerting.clusters.local.node-type="$NODE_TYPE")
fi
fi

# The analyzer's console pages are at its own address here: findings and SNS pages carry links to them.
ANALYZER_OPTS=(-Dautopilot.console.base-url="$CONSOLE_BASE_URL")

# The live feed subscribes before the services start, so it shows everything from the first snapshot on.
java $JUL -cp "$TS_CP" autopilot.testsupport.LocalFeed "$ENDPOINT" "$RECOMMENDATIONS_TOPIC_ARN" "$PAGES_TOPIC_ARN" \
  2> "$STATE/feed.log" > "$STATE/feed.txt" &
PIDS+=($!)

# More collector instances (COLLECTORS=n) on ports 8085...: they share the clusters by lease.
for n in $(seq 2 "$COLLECTORS"); do SERVICES+=(collector-service); PORTS+=($((8083 + n))); done
for i in "${!SERVICES[@]}"; do
  s=${SERVICES[$i]}
  say "starting $s on :${PORTS[$i]}"
  opts=()
  [ "$s" = collector-service ] && opts=("${COLLECTOR_OPTS[@]}")
  [ "$s" = analyzer-service ] && opts=("${ANALYZER_OPTS[@]}")
  [ "$s" = maintenance-service ] && opts=("${MAINTENANCE_OPTS[@]}")
  [ "$s" = alerting-service ] && opts=("${ALERTING_OPTS[@]}")
  log="$STATE/$s.log"; [ "${PORTS[$i]}" -gt 8084 ] && log="$STATE/$s-${PORTS[$i]}.log"
  java -Xmx256m -Dquarkus.http.port="${PORTS[$i]}" "${opts[@]}" -jar "$s/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
  PIDS+=($!)
done

for i in "${!SERVICES[@]}"; do
  s=${SERVICES[$i]}; url=http://127.0.0.1:${PORTS[$i]}/q/health/ready
  for _ in $(seq 1 150); do curl -fs "$url" >/dev/null 2>&1 && break; sleep 0.4; done
  curl -fs "$url" >/dev/null 2>&1 || die "$s on :${PORTS[$i]} is not ready: see its log in $STATE"
  say "$s ready   $url"
done

# What alerting keeps in CloudWatch (moto): its alarms and dashboards, once the start-up reconcile made them.
cloudwatch_summary() {
  command -v python3 >/dev/null && python3 -c 'import boto3' 2>/dev/null || { echo "    (install boto3 to list them: pip install 'moto[server]')"; return; }
  python3 - "$ENDPOINT" <<'PY'
import sys, time, boto3
cw = boto3.client("cloudwatch", endpoint_url=sys.argv[1], region_name="us-east-1")
for _ in range(60):
    alarms = [a for p in cw.get_paginator("describe_alarms").paginate(AlarmNamePrefix="autopilot-") for a in p["MetricAlarms"]]
    if alarms:
        break
    time.sleep(0.5)
dashboards = [d["DashboardName"] for d in cw.list_dashboards(DashboardNamePrefix="autopilot-")["DashboardEntries"]]
print(f"    {len(alarms)} alarms kept by alerting-service:")
for a in alarms:
    metric = a.get("MetricName") or "+".join(sorted({q["MetricStat"]["Metric"]["MetricName"] for q in a.get("Metrics", []) if "MetricStat" in q}))
    namespace = a.get("Namespace") or next((q["MetricStat"]["Metric"]["Namespace"] for q in a.get("Metrics", []) if "MetricStat" in q), "")
    print(f"      {a['AlarmName']:<48} {namespace}/{metric} {a['ComparisonOperator']} {a['Threshold']:g}")
print(f"    dashboards: {', '.join(dashboards) or '(none yet)'}")
PY
}

FEED_NOTE=""
if [ -n "$FLEET" ]; then
  # Measured 2026-12-07 with FLEET=20 COLLECTORS=2: ~3,600 findings and ~1,600 work items at first contact,
  # relayed through moto at a few events a second; every cluster was in the feed 17 minutes after the first line.
  FEED_NOTE="  A fleet's first contact is thousands of findings and work items; moto passes them on at a few a
  second, so the feed names every cluster only after a quarter of an hour or so (GET the findings API sooner).
"
fi

cat <<SUMMARY

  Redshift Autopilot is running locally.
    AWS emulator      $ENDPOINT   (aws --endpoint-url $ENDPOINT sqs list-queues)
    Redshift          $CLUSTER_URL  (monitor: $MONITOR_USER, maintenance: $MAINT_USER)
    PostgreSQL        jdbc:postgresql://127.0.0.1:$PG_PORT/postgres (service state)
    console           $CONSOLE_BASE_URL/console   (clusters, their findings with evidence, charts and history)
    console           http://127.0.0.1:8083/console/maintenance   (windows, waiting and running items, recent runs)
    console           http://127.0.0.1:8084/console/alerts   (pages sent and suppressed)
    clusters          http://127.0.0.1:8081/api/v1/clusters
    findings          http://127.0.0.1:8082/api/v1/findings?status=open
    maintenance       http://127.0.0.1:8083/api/v1/maintenance
    pages sent        http://127.0.0.1:8084/api/v1/alerts
    pages queue       aws --endpoint-url $ENDPOINT sqs receive-message --queue-url $ENDPOINT/123456789012/autopilot-pages-inbox
    collector         http://127.0.0.1:8081/q/health
    analyzer          http://127.0.0.1:8082/q/health
    maintenance       http://127.0.0.1:8083/q/health
    alerting          http://127.0.0.1:8084/q/health
    metrics           http://127.0.0.1:808{1..4}/q/metrics
    pages topic       $PAGES_TOPIC_ARN
  Logs: $STATE/*.log     Ctrl-C (or SIGTERM) stops everything.
  Live feed below: findings, maintenance, pages and alarms as they happen (first findings within about a minute).
${FEED_NOTE}
SUMMARY
say "CloudWatch alarms and dashboards (moto):"
cloudwatch_summary
# The feed has been writing to its file since before the services started: show it from the start, live.
tail -n +1 -f "$STATE/feed.txt" &
PIDS+=($!)


if [ -n "${RUN_SECONDS:-}" ]; then
  # Sleep in the background and wait for it: bash runs a trap only once a foreground command ends,
  # but `wait` returns as soon as a trapped signal arrives, so SIGTERM stops the run at once.
  sleep "$RUN_SECONDS" &
  PIDS+=($!)
  wait $!
  say "CloudWatch alarms and dashboards at the end of the run (moto):"
  cloudwatch_summary
  exit 0
fi
wait
