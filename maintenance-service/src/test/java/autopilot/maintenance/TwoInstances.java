package autopilot.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.SimCluster;
import autopilot.sim.maintenance.MaintenanceRun;
import autopilot.testsupport.AwsClients;
import autopilot.testsupport.Moto;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
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
final class TwoInstances {

    private TwoInstances() {
    }

    /** Items a killed instance held come back as more receives: the generous redrive the README asks for. */
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

    /** Starts an instance logging under {@code target/<test>/<instance>/} and waits until it is ready. */
    static ServiceProcess start(String test, String instance, Moto moto, SimCluster sim) throws IOException, InterruptedException {
        ServiceProcess process = ServiceProcess.ofThisModule("maintenance-service", Map.of(
                        "AWS_ACCESS_KEY_ID", AwsClients.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", AwsClients.SECRET_KEY),
                List.of("-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:" + PostgresTestResource.shared().getPort() + "/postgres",
                        "-Dquarkus.datasource.username=postgres",
                        "-Dautopilot.aws.region=" + AwsClients.REGION,
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
                        "-Dautopilot.maintenance.postpone-delay=PT2S"),
                Path.of("target", test, instance));
        Files.deleteIfExists(process.log()); // appended to otherwise, and the crash test reads it to find what ran where
        process.start().awaitReady(Duration.ofSeconds(60));
        return process;
    }
}
