package autopilot.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.testsupport.AwsClients;
import autopilot.testsupport.Moto;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service with cluster keys that do not fit together does not start, and its log names the
 * key: a check made at start-up (MonitoredClusters), after SmallRye has read every single value.
 */
class StartupConfigIT {

    private static final Path LOGS = Path.of("target", "startup-config-it");

    private static String startAndFail(String name, List<String> options) throws Exception {
        Moto moto = Moto.shared();
        Path log = LOGS.resolve(name);
        Files.deleteIfExists(log.resolve("alerting-service.log"));
        ServiceProcess service = ServiceProcess.ofThisModule("alerting-service", Map.of(
                "AWS_ACCESS_KEY_ID", AwsClients.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", AwsClients.SECRET_KEY,
                "AUTOPILOT_AWS_REGION", AwsClients.REGION, "AUTOPILOT_AWS_ENDPOINT_OVERRIDE", moto.server().endpoint().toString(),
                "AUTOPILOT_ALERTING_PAGES_TOPIC_ARN", moto.topology().pagesArn(),
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + PostgresTestResource.shared().getPort() + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME", "postgres"), options, log).start();
        try {
            assertThatThrownBy(() -> service.awaitReady(Duration.ofSeconds(90))).hasMessageContaining("exited");
            return Files.readString(service.log());
        } finally {
            service.close();
        }
    }

    @Test
    void aNodeTypeOnAServerlessWorkgroupStopsStartUpNamingTheKey() throws Exception {
        assertThat(startAndFail("node-type-on-workgroup", List.of("-Dautopilot.alerting.clusters.wg.kind=serverless",
                "-Dautopilot.alerting.clusters.wg.node-type=ra3.4xlarge")))
                .contains("autopilot.alerting.clusters.wg.node-type does not apply to a Serverless workgroup");
    }

    @Test
    void anUnknownKindStopsStartUpNamingTheKey() throws Exception {
        assertThat(startAndFail("unknown-kind", List.of("-Dautopilot.alerting.clusters.wg.kind=lambda")))
                .contains("autopilot.alerting.clusters.wg.kind").contains("unknown cluster kind 'lambda'");
    }
}
