package autopilot.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import autopilot.testsupport.AwsClients;
import autopilot.testsupport.Moto;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.TopicTap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole system, end to end, as deployed: the four packaged services as separate processes,
 * moto for SQS/SNS/CloudWatch, one embedded PostgreSQL for their state, and redshift-sim on the
 * maintenance-backlog scenario. Collection -> findings -> maintenance executed on the simulator
 * -> the next collection shows the improvement -> the finding is resolved -> alerting sends the
 * resolve page, read from a queue subscribed to the pages topic as an on-call subscriber would.
 */
class PipelineIT {

    static final String CLUSTER = "local";
    static final Path LOGS = Path.of("target", "e2e");
    static Moto moto;
    static SimCluster sim;
    static String pagesQueue;
    static final Map<String, ServiceProcess> services = new HashMap<>();
    static final List<Message> pages = new ArrayList<>();

    @BeforeAll
    static void startSystem() throws Exception {
        Files.createDirectories(LOGS);
        moto = Moto.shared();
        int postgres = PostgresTestResource.shared().getPort();
        sim = SimCluster.start(ScenarioLoader.shipped("maintenance-backlog"), SimCluster.Options.defaults().withVacuumSpeed(2_000));
        pagesQueue = TopicTap.subscribe(moto.clients().sqs(), moto.clients().sns(), moto.topology().pagesArn(), "e2e-pages");
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_ACCESS_KEY_ID", AwsClients.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", AwsClients.SECRET_KEY, "AWS_REGION", AwsClients.REGION,
                "AUTOPILOT_AWS_REGION", AwsClients.REGION, "AUTOPILOT_AWS_ENDPOINT_OVERRIDE", moto.server().endpoint().toString(),
                "AUTOPILOT_ANALYZER_RECOMMENDATIONS_TOPIC_ARN", moto.topology().recommendationsArn(),
                "AUTOPILOT_MAINTENANCE_RECOMMENDATIONS_TOPIC_ARN", moto.topology().recommendationsArn(),
                "AUTOPILOT_ALERTING_PAGES_TOPIC_ARN", moto.topology().pagesArn(),
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + postgres + "/postgres",
                "QUARKUS_DATASOURCE_USERNAME", "postgres"));
        String url = sim.jdbcUrl();
        services.put("collector-service", new ServiceProcess("collector-service", env, List.of(
                "-Dautopilot.collector.clusters.local.jdbc-url=" + url, "-Dautopilot.collector.clusters.local.user=monitor",
                "-Dautopilot.collector.clusters.local.password=Monitor-pass1", "-Dautopilot.collector.schedule-enabled=false",
                "-Dautopilot.collector.settle-lag=PT0S", "-Dautopilot.collector.initial-lookback=P7D"), LOGS));
        services.put("analyzer-service", new ServiceProcess("analyzer-service", env, List.of(), LOGS));
        services.put("maintenance-service", new ServiceProcess("maintenance-service", env, List.of(
                "-Dautopilot.maintenance.clusters.local.jdbc-url=" + url, "-Dautopilot.maintenance.clusters.local.user=admin",
                "-Dautopilot.maintenance.clusters.local.password=Admin-pass1",
                "-Dautopilot.maintenance.clusters.local.window.cron=0 * * * *",
                "-Dautopilot.maintenance.clusters.local.window.duration=PT1H",
                "-Dautopilot.maintenance.poller.wait-time=PT1S"), LOGS));
        services.put("alerting-service", new ServiceProcess("alerting-service", env, List.of(
                "-Dautopilot.alerting.clusters.local.node-type=ra3.4xlarge", "-Dautopilot.alerting.paging.quiet-period=PT1S",
                "-Dautopilot.alerting.paging.max-hold=PT5S"), LOGS));
        for (ServiceProcess s : services.values()) s.start();
        for (ServiceProcess s : services.values()) s.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopSystem() throws Exception {
        for (ServiceProcess s : services.values()) s.close();
        if (sim != null) sim.close();
    }

    private static List<Message> pages() {
        List<Message> batch = moto.clients().sqs().receiveMessage(b -> b.queueUrl(pagesQueue).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All")).messages();
        for (Message m : batch) moto.clients().sqs().deleteMessage(b -> b.queueUrl(pagesQueue).receiptHandle(m.receiptHandle()));
        pages.addAll(batch);
        return pages;
    }

    private static boolean paged(String kind, String text) {
        return pages().stream().anyMatch(m -> m.messageAttributes().containsKey("pageKind")
                && kind.equals(m.messageAttributes().get("pageKind").stringValue()) && m.body().contains(text));
    }

    private static String finding(String fingerprint) throws Exception {
        var response = services.get("analyzer-service").get("/api/v1/findings/" + fingerprint);
        return response.statusCode() == 200 ? response.body() : "";
    }

    @Test
    void collectionFindingsMaintenanceResolutionAndTheResolvePage() throws Exception {
        ServiceProcess collector = services.get("collector-service");
        String lookup = CLUSTER + "/missing_statistics/table:dev.public.lookup";

        assertThat(collector.post("/api/v1/clusters/" + CLUSTER + "/collect").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> finding(lookup).contains("\"status\":\"OPEN\"") && finding(lookup).contains("CRITICAL"));
        // Critical: on-call is paged once (one page, or one digest naming it).
        await().atMost(Duration.ofSeconds(60)).until(() -> pages().stream().anyMatch(m -> m.body().contains("lookup")));

        // The work item reaches maintenance, which analyzes the table on the simulated cluster.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> sim.receivedStatements().stream().anyMatch(s -> s.sql().toUpperCase().startsWith("ANALYZE")
                        && s.sql().contains("lookup")));
        long analyzes = sim.receivedStatements().stream().filter(s -> s.sql().toUpperCase().startsWith("ANALYZE")
                && s.sql().contains("lookup")).count();

        // The next collection shows fresh statistics: the finding resolves and the resolve page goes out.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(5)).until(() -> {
            collector.post("/api/v1/clusters/" + CLUSTER + "/collect");
            return finding(lookup).contains("\"status\":\"RESOLVED\"");
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> paged("RESOLVED", "lookup"));
        assertThat(pages().stream().filter(m -> "RESOLVED".equals(m.messageAttributes().get("pageKind").stringValue())
                && m.body().contains("lookup"))).hasSize(1);
        assertThat(sim.receivedStatements().stream().filter(s -> s.sql().toUpperCase().startsWith("ANALYZE")
                && s.sql().contains("lookup")).count()).as("the ANALYZE ran once").isEqualTo(analyzes).isEqualTo(1);
    }
}
