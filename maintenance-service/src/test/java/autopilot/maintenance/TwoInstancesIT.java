package autopilot.maintenance;

import static autopilot.maintenance.WorkItemsFixture.item;
import static autopilot.maintenance.WorkItemsFixture.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.AnalyzeSpec;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.VacuumSpec;
import autopilot.events.VacuumSpec.Variant;
import autopilot.sim.SimCluster;
import autopilot.sim.maintenance.MaintenanceRun;
import autopilot.testsupport.Moto;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Two packaged service processes on the same queue and cluster, with a VACUUM longer than the
 * visibility timeout among the items: nothing overlaps on the cluster and nothing runs twice.
 */
class TwoInstancesIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoInstancesOnOneQueueNeverOverlapOnACluster() throws Exception {
        assertThat(JAR).as("the packaged service (run through ./mvnw verify)").exists();
        Moto moto = Moto.shared();
        // Postponements count as receives: give the work queue the generous redrive the README asks for.
        String dlqArn = moto.clients().sqs().getQueueAttributes(b -> b.queueUrl(moto.topology().maintenanceWorkDlqUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        moto.clients().sqs().setQueueAttributes(b -> b.queueUrl(moto.topology().maintenanceWorkUrl()).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"50\"}")));
        SimCluster sim = SimClustersResource.start(4e5); // the archive table's sort takes about 4 s

        Path logA = Path.of("target/two-instances-a.log");
        Path logB = Path.of("target/two-instances-b.log");
        Process a = start(logA, moto, sim);
        Process b = start(logB, moto, sim);
        try {
            String longSort = send("c", item("archive", "clicks_archive", new VacuumSpec(Variant.SORT_ONLY, 99, false), null, 10, false));
            List<String> quick = List.of(
                    send("c", item("public", "orders_history", new VacuumSpec(Variant.SORT_ONLY, 75, false), null, 5, false)),
                    send("c", item("public", "inventory", new VacuumSpec(Variant.RECLUSTER, null, false), null, 4, false)),
                    send("c", item("public", "customers", null, new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 3, false)),
                    send("c", item("public", "lookup", null, new AnalyzeSpec(AnalyzeSpec.Columns.PREDICATE_COLUMNS), 2, false)));

            String marker = "VACUUM SORT ONLY \"archive\".\"clicks_archive\"";
            for (String id : quick) {
                Outcomes.await(Outcomes.of(id), 1, Duration.ofSeconds(60));
            }
            Outcomes.Received longOutcome = Outcomes.await(Outcomes.of(longSort), 1, Duration.ofSeconds(60)).get(0);
            assertThat(longOutcome.event().payload()).isInstanceOfSatisfying(MaintenanceCompleted.class,
                    c -> assertThat(c.durationMillis()).as("longer than the 3 s visibility").isGreaterThan(3_000));
            Thread.sleep(4_000); // a visibility period later: nothing came back
            assertThat(Outcomes.matching(Outcomes.of(longSort))).hasSize(1);
            for (String id : quick) {
                assertThat(Outcomes.matching(Outcomes.of(id))).as("one outcome for %s", id).hasSize(1)
                        .allSatisfy(r -> assertThat(r.event().payload()).isInstanceOf(MaintenanceCompleted.class));
            }

            List<MaintenanceRun> runs = sim.maintenanceRuns();
            List<MaintenanceRun> vacuums = runs.stream().filter(r -> r.statement().startsWith("VACUUM")).toList();
            for (MaintenanceRun x : vacuums) {
                for (MaintenanceRun y : vacuums) {
                    assertThat(x != y && x.overlaps(y)).as("%s overlaps %s", x, y).isFalse();
                }
            }
            assertThat(runs).as("no statement ran twice").extracting(MaintenanceRun::statement).doesNotHaveDuplicates();
            assertThat(runs.stream().filter(r -> r.statement().startsWith(marker))).hasSize(1);
            try (Connection c = sim.underlyingConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select unsorted from svv_table_info where \"table\" = 'clicks_archive'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDouble(1)).isZero();
            }
        } finally {
            a.destroyForcibly().waitFor();
            b.destroyForcibly().waitFor();
            sim.close();
        }
    }

    private Process start(Path log, Moto moto, SimCluster sim) throws IOException {
        int port = SimClustersResource.unusedPort();
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx192m",
                "-Dquarkus.http.port=" + port,
                "-Dautopilot.aws.region=us-east-1",
                "-Dautopilot.aws.endpoint-override=" + moto.server().endpoint(),
                "-Dautopilot.maintenance.recommendations-topic-arn=" + moto.topology().recommendationsArn(),
                "-Dautopilot.maintenance.clusters.c.jdbc-url=" + sim.jdbcUrl(),
                "-Dautopilot.maintenance.clusters.c.user=admin",
                "-Dautopilot.maintenance.clusters.c.password=Admin-pass1",
                "-Dautopilot.maintenance.clusters.c.window.cron=* * * * *",
                "-Dautopilot.maintenance.clusters.c.window.duration=PT24H",
                "-Dautopilot.maintenance.analyze-threshold-percent=2",
                "-Dautopilot.maintenance.vacuum-megabytes-per-second=1e7",
                // Short polling: moto's long poll keeps the set of busy FIFO groups it computed when the
                // call began, so a long poll that started before another instance received can be
                // handed a second item of the same group (real SQS does not do this).
                "-Dautopilot.maintenance.poller.wait-time=PT0S",
                "-Dautopilot.maintenance.poller.visibility-timeout=PT3S",
                "-Dautopilot.maintenance.poller.heartbeat=PT1S",
                "-Dautopilot.maintenance.postpone-delay=PT2S",
                "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        Process process = pb.start();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return process;
    }
}
