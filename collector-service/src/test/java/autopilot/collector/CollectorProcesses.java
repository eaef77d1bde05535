package autopilot.collector;

import autopilot.testsupport.AwsClients;
import autopilot.testsupport.Moto;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Packaged collector processes for the ITs: on moto and the shared test PostgreSQL, plus a test's own options. */
final class CollectorProcesses {

    private CollectorProcesses() {
    }

    /** Started and ready; its log starts empty (tests wait for lines in it). */
    static ServiceProcess start(Moto moto, Path log, List<String> options) throws Exception {
        List<String> all = new ArrayList<>(List.of("-Dautopilot.aws.region=" + AwsClients.REGION,
                "-Dautopilot.aws.endpoint-override=" + moto.server().endpoint(),
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:" + PostgresTestResource.shared().getPort() + "/postgres",
                "-Dquarkus.datasource.username=postgres",
                "-Dautopilot.collector.settle-lag=PT0S"));
        all.addAll(options);
        ServiceProcess service = ServiceProcess.ofThisModule("collector-service", Map.of(
                "AWS_ACCESS_KEY_ID", AwsClients.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", AwsClients.SECRET_KEY), all, log);
        Files.deleteIfExists(service.log());
        service.start().awaitReady(Duration.ofSeconds(60));
        return service;
    }
}
