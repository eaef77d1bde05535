#!/usr/bin/env bash
# The CDK app command (see cdk.json): builds the deploy module and the events module it reads the
# channel names from (tests skipped, nothing installed into ~/.m2), then runs the app, which
# synthesizes into the directory the CDK CLI gives it (CDK_OUTDIR).
set -euo pipefail
cd "$(dirname "$0")/.."
../mvnw -B -q -f ../pom.xml -pl deploy -am package -DskipTests >&2
exec java -cp "target/classes:$(cat target/cdk-app.classpath)" autopilot.deploy.AutopilotApp
