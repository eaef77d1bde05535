package autopilot.deploy.e2e;

import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import autopilot.events.MessageAttributes;
import autopilot.sim.SimCluster;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import autopilot.testsupport.AwsClients;
import autopilot.testsupport.AwsTopology;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoServer;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.ServiceProcess;
import autopilot.testsupport.TopicTap;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One deployment of the whole system for end-to-end tests, isolated from any other: its own moto
 * (SQS/SNS/CloudWatch), its own database in the test JVM's embedded PostgreSQL, the four packaged
 * services as separate processes, and one redshift-sim cluster per cluster id (on the
 * maintenance-backlog scenario unless a test names another), so tests sharing the system do not meet. Taps subscribed to the pages and
 * recommendations topics read what an on-call subscriber and any other consumer would get.
 */
final class Pipeline implements AutoCloseable {

    private static final List<String> SERVICES = List.of("collector-service", "analyzer-service", "maintenance-service", "alerting-service");
    /** Receives before a message moves to its DLQ, as deployed (DeploySettings' default). */
    private static final int MAX_RECEIVE_COUNT = 5;

    /** Options of every run, by service. */
    private static final Map<String, List<String>> OPTIONS = Map.of(
            "collector-service", List.of("-Dautopilot.collector.schedule-enabled=false", "-Dautopilot.collector.settle-lag=PT0S",
                    "-Dautopilot.collector.initial-lookback=P7D"),
            "analyzer-service", List.of(),
            "maintenance-service", List.of("-Dautopilot.maintenance.poller.wait-time=PT1S"),
            "alerting-service", List.of("-Dautopilot.alerting.paging.quiet-period=PT1S", "-Dautopilot.alerting.paging.max-hold=PT5S"));

    private final Map<String, SimCluster> sims = new LinkedHashMap<>();
    private final MotoServer motoServer;
    private final Moto moto;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final String pagesTap;
    private final String recommendationsTap;
    private final List<Message> pages = new ArrayList<>();
    private final List<EventEnvelope<? extends EventPayload>> recommendations = new ArrayList<>();
    private final EventCodec codec = new EventCodec();

    private Pipeline(MotoServer motoServer, Moto moto) {
        this.motoServer = motoServer;
        this.moto = moto;
        this.pagesTap = TopicTap.subscribe(moto.clients().sqs(), moto.clients().sns(), moto.topology().pagesArn(), "e2e-pages");
        this.recommendationsTap = TopicTap.subscribe(moto.clients().sqs(), moto.clients().sns(), moto.topology().recommendationsArn(),
                "e2e-recommendations");
    }

    /**
     * Starts a system named {@code name} (its database and its log directory, {@code target/e2e/<name>})
     * maintaining one simulated cluster per entry of {@code vacuumSpeeds} (cluster id -> how fast its
     * VACUUMs work, MB/s); {@code extraOptions} adds -D options per service to the ones every run
     * gets. Waits until every service is ready.
     */
    static Pipeline start(String name, Map<String, Double> vacuumSpeeds, Map<String, List<String>> extraOptions) throws Exception {
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        vacuumSpeeds.forEach((id, speed) -> clusters.put(id, new Cluster(ScenarioLoader.shipped("maintenance-backlog"),
                SimCluster.Options.defaults().withVacuumSpeed(speed))));
        return startClusters(name, clusters, extraOptions);
    }

    /** A simulated cluster of the system: its scenario and simulator options. */
    record Cluster(Scenario scenario, SimCluster.Options options) {
    }

    /** As {@link #start}, with the scenario of each cluster given (cluster id -> scenario and options). */
    static Pipeline startClusters(String name, Map<String, Cluster> clusters, Map<String, List<String>> extraOptions) throws Exception {
        Path logs = Path.of("target", "e2e", name);
        Files.createDirectories(logs);
        MotoServer motoServer = MotoServer.startOn(0, logs.resolve("moto.log").toAbsolutePath());
        AwsClients clients = AwsClients.forEndpoint(motoServer.endpoint());
        Pipeline pipeline = null;
        try {
            Moto moto = new Moto(motoServer, clients, new AwsTopology(AwsTopology.Names.defaults(), MAX_RECEIVE_COUNT, 5)
                    .provision(clients.sqs(), clients.sns()));
            pipeline = new Pipeline(motoServer, moto);
            for (Map.Entry<String, Cluster> cluster : clusters.entrySet()) {
                pipeline.sims.put(cluster.getKey(), SimCluster.start(cluster.getValue().scenario(), cluster.getValue().options()));
            }
            Map<String, String> env = environment(moto, database(name));
            for (String service : SERVICES) {
                List<String> options = new ArrayList<>();
                pipeline.sims.forEach((id, sim) -> options.addAll(clusterOptions(service, id, sim.jdbcUrl())));
                options.addAll(OPTIONS.get(service));
                options.addAll(extraOptions.getOrDefault(service, List.of()));
                pipeline.services.put(service, ServiceProcess.sibling(service, env, options, logs));
            }
            // The analyzer's console is at its own address here, so the events and pages it leads to carry working links.
            ServiceProcess analyzer = pipeline.services.get("analyzer-service");
            analyzer.withOption("-Dautopilot.console.base-url=" + analyzer.address());
            for (ServiceProcess s : pipeline.services.values()) s.start();
            for (ServiceProcess s : pipeline.services.values()) s.awaitReady(Duration.ofSeconds(120));
            return pipeline;
        } catch (Exception | Error e) {
            if (pipeline != null) {
                pipeline.close();
            } else {
                clients.close();
                motoServer.stop();
            }
            throw e;
        }
    }

    /** A fresh database of the shared embedded PostgreSQL; returns its JDBC URL. */
    private static String database(String name) throws Exception {
        var postgres = PostgresTestResource.shared();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE e2e_" + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/e2e_" + name;
    }

    private static Map<String, String> environment(Moto moto, String databaseUrl) {
        return new HashMap<>(Map.of(
                "AWS_ACCESS_KEY_ID", AwsClients.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", AwsClients.SECRET_KEY, "AWS_REGION", AwsClients.REGION,
                "AUTOPILOT_AWS_REGION", AwsClients.REGION, "AUTOPILOT_AWS_ENDPOINT_OVERRIDE", moto.server().endpoint().toString(),
                "AUTOPILOT_ANALYZER_RECOMMENDATIONS_TOPIC_ARN", moto.topology().recommendationsArn(),
                "AUTOPILOT_MAINTENANCE_RECOMMENDATIONS_TOPIC_ARN", moto.topology().recommendationsArn(),
                "AUTOPILOT_ALERTING_PAGES_TOPIC_ARN", moto.topology().pagesArn(),
                "QUARKUS_DATASOURCE_JDBC_URL", databaseUrl,
                "QUARKUS_DATASOURCE_USERNAME", "postgres"));
    }

    /** What a service needs to know about one cluster. */
    private static List<String> clusterOptions(String service, String id, String url) {
        String collector = "-Dautopilot.collector.clusters." + id + ".";
        String maintenance = "-Dautopilot.maintenance.clusters." + id + ".";
        return switch (service) {
            case "collector-service" -> List.of(collector + "jdbc-url=" + url, collector + "user=monitor",
                    collector + "password=Monitor-pass1");
            // A window that is always open with hours left, so no run waits for the next opening or is cut short.
            case "maintenance-service" -> List.of(maintenance + "jdbc-url=" + url, maintenance + "user=admin",
                    maintenance + "password=Admin-pass1", maintenance + "window.cron=* * * * *", maintenance + "window.duration=PT24H");
            case "alerting-service" -> List.of("-Dautopilot.alerting.clusters." + id + ".node-type=ra3.4xlarge");
            default -> List.of();
        };
    }

    /** The simulated cluster with this id. */
    SimCluster sim(String cluster) {
        return sims.get(cluster);
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    /** Asks the collector for a collection of the cluster now; true when it answered 200. */
    boolean collect(String cluster) throws IOException, InterruptedException {
        return service("collector-service").post("/api/v1/clusters/" + cluster + "/collect").statusCode() == 200;
    }

    /** The analyzer's finding (JSON), or "" when it has none with that fingerprint. */
    String finding(String fingerprint) throws IOException, InterruptedException {
        HttpResponse<String> response = service("analyzer-service").get("/api/v1/findings/" + fingerprint);
        return response.statusCode() == 200 ? response.body() : "";
    }

    /** Every page about the cluster sent so far, oldest first. */
    List<Message> pages(String cluster) {
        pages.addAll(drain(pagesTap));
        return pages.stream().filter(m -> cluster.equals(attribute(m, MessageAttributes.CLUSTER))).toList();
    }

    /** Whether a page about the cluster of this kind mentioning {@code text} was sent. */
    boolean paged(String cluster, String kind, String text) {
        return pages(cluster).stream().anyMatch(m -> kind.equals(pageKind(m)) && m.body().contains(text));
    }

    static String pageKind(Message page) {
        return attribute(page, "pageKind");
    }

    private static String attribute(Message m, String name) {
        var value = m.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    /** Every event about the cluster published to the recommendations topic so far (findings and maintenance outcomes), oldest first. */
    List<EventEnvelope<? extends EventPayload>> recommendations(String cluster) {
        for (Message m : drain(recommendationsTap)) recommendations.add(codec.decode(m.body()));
        return recommendations.stream().filter(e -> cluster.equals(e.clusterId())).toList();
    }

    /** Messages waiting in each dead-letter queue, by queue URL. */
    Map<String, Integer> deadLetters() {
        Map<String, Integer> depth = new LinkedHashMap<>();
        for (String dlq : List.of(moto.topology().snapshotsDlqUrl(), moto.topology().alertingInboxDlqUrl(),
                moto.topology().maintenanceWorkDlqUrl())) {
            depth.put(dlq, moto.clients().sqs().getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes().values().stream().mapToInt(Integer::parseInt).sum());
        }
        return depth;
    }

    private List<Message> drain(String queue) {
        List<Message> batch = moto.clients().sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All")).messages();
        for (Message m : batch) moto.clients().sqs().deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
        return batch;
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess s : services.values()) s.close();
        for (SimCluster sim : sims.values()) sim.close();
        moto.clients().close();
        motoServer.stop();
    }
}
