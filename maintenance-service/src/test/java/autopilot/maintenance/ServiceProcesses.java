package autopilot.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.sim.SimCluster;
import autopilot.sim.maintenance.MaintenanceRun;
import autopilot.testsupport.Moto;
import autopilot.testsupport.PostgresTestResource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The packaged service as separate processes, for the multi-instance tests: one simulated cluster
 * {@code c} with an always-open window, one shared state store (embedded PostgreSQL), moto, and
 * short visibility, heartbeat and postponement times.
 */
final class ServiceProcesses {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServiceProcesses() {
    }

    /** Postponements count as receives: gives the work queue the generous redrive the README asks for. */
    static void generousRedrive(Moto moto) {
        String dlqArn = moto.clients().sqs().getQueueAttributes(b -> b.queueUrl(moto.topology().maintenanceWorkDlqUrl())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        moto.clients().sqs().setQueueAttributes(b -> b.queueUrl(moto.topology().maintenanceWorkUrl()).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"50\"}")));
    }

    /** The simulator's statement log shows no two VACUUMs on the cluster at the same time. */
    static void assertNoOverlappingVacuums(List<MaintenanceRun> runs) {
        List<MaintenanceRun> vacuums = runs.stream().filter(r -> r.statement().startsWith("VACUUM")).toList();
        for (MaintenanceRun x : vacuums) {
            for (MaintenanceRun y : vacuums) {
                assertThat(x != y && x.overlaps(y)).as("%s overlaps %s", x, y).isFalse();
            }
        }
    }

    /** Starts an instance logging to {@code log} and waits until it is ready. */
    static Process start(Path log, Moto moto, SimCluster sim) throws IOException {
        assertThat(JAR).as("the packaged service (run through ./mvnw verify)").exists();
        int port = SimClustersResource.unusedPort();
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx192m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:" + PostgresTestResource.shared().getPort() + "/postgres",
                "-Dquarkus.datasource.username=postgres",
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
                HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return process;
    }
}
