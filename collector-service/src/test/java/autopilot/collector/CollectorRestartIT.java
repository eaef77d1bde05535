package autopilot.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.EventCodec;
import autopilot.events.SnapshotPartCollected;
import autopilot.sim.SimCluster;
import autopilot.testsupport.Moto;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.QueueProbe;
import autopilot.testsupport.RedshiftSimExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged collector, killed (SIGKILL) in the middle of publishing a window and started again
 * on the same state: the new process re-reads the window, and every new query arrives, once.
 */
class CollectorRestartIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void killedMidPublishingThenRestartedLosesNothing() throws Exception {
        assertThat(JAR).as("the packaged service (run through ./mvnw verify)").exists();
        Moto moto = Moto.shared();
        SimCluster sim = RedshiftSimExtension.shared("healthy");
        String postgres = "jdbc:postgresql://127.0.0.1:" + PostgresTestResource.shared().getPort() + "/postgres";
        QueueProbe snapshots = new QueueProbe(moto.clients().sqs(), moto.topology().snapshotsUrl());

        int port = freePort();
        Process first = start(port, moto, sim, postgres, Path.of("target/restart-first.log"));
        try {
            collect(port);
            snapshots.collect(Duration.ofSeconds(2));
            try (Connection db = sim.underlyingConnection(); Statement st = db.createStatement()) {
                st.execute("insert into redshift_sim.stl_query (userid, query, label, xid, pid, database, querytxt, starttime, endtime, aborted) "
                        + "select 100, 800000 + g, 'default', 1, 1, 'dev', 'select ' || g, (now() at time zone 'UTC') - interval '2 seconds', "
                        + "(now() at time zone 'UTC') - interval '1 second', 0 from generate_series(1, 5) g");
            }
            moto.server().stop(); // publishing now fails and is retried...
            CompletableFuture<HttpResponse<String>> stuck = http.sendAsync(post(port), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(Path.of("target/restart-first.log")).contains("retrying"));
            first.destroyForcibly().waitFor(); // ...when the process dies
            stuck.cancel(true);
        } finally {
            first.destroyForcibly();
        }
        moto.server().start();
        moto = Moto.shared(); // a restarted moto is empty: provision again

        Process second = start(port, moto, sim, postgres, Path.of("target/restart-second.log"));
        try {
            String snapshot = collect(port);
            List<Long> ids = new ArrayList<>();
            EventCodec codec = new EventCodec();
            new QueueProbe(moto.clients().sqs(), moto.topology().snapshotsUrl()).collect(Duration.ofSeconds(2)).forEach(m -> {
                if (codec.decode(m.body()).payload() instanceof SnapshotPartCollected p && p.source().equals("queries")
                        && p.snapshotId().toString().equals(snapshot)) {
                    int column = p.columns().indexOf("query");
                    p.rows().forEach(r -> ids.add(((Number) r.get(column)).longValue()));
                }
            });
            assertThat(ids.stream().filter(id -> id > 800000 && id <= 800005).toList())
                    .containsExactlyInAnyOrder(800001L, 800002L, 800003L, 800004L, 800005L);
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    private Process start(int port, Moto moto, SimCluster sim, String postgres, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dautopilot.aws.region=us-east-1",
                "-Dautopilot.aws.endpoint-override=" + moto.server().endpoint(),
                "-Dquarkus.datasource.jdbc.url=" + postgres,
                "-Dquarkus.datasource.username=postgres",
                "-Dautopilot.collector.schedule-enabled=false",
                "-Dautopilot.collector.settle-lag=PT0S",
                "-Dautopilot.collector.initial-lookback=P7D",
                "-Dautopilot.collector.clusters.c.jdbc-url=" + sim.jdbcUrl(),
                "-Dautopilot.collector.clusters.c.user=monitor",
                "-Dautopilot.collector.clusters.c.password=Monitor-pass1",
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

    private static HttpRequest post(int port) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/clusters/c/collect"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private String collect(int port) throws Exception {
        HttpResponse<String> response = http.send(post(port), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"snapshotId\":\"([^\"]+)\"").matcher(response.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
