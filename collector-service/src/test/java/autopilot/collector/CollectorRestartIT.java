package autopilot.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.EventCodec;
import autopilot.events.SnapshotPartCollected;
import autopilot.sim.SimCluster;
import autopilot.testsupport.Moto;
import autopilot.testsupport.QueueProbe;
import autopilot.testsupport.RedshiftSimExtension;
import autopilot.testsupport.ServiceProcess;
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

    private static final Path LOGS = Path.of("target", "restart-it");

    @Test
    void killedMidPublishingThenRestartedLosesNothing() throws Exception {
        Moto moto = Moto.shared();
        SimCluster sim = RedshiftSimExtension.shared("healthy");
        QueueProbe snapshots = new QueueProbe(moto.clients().sqs(), moto.topology().snapshotsUrl());

        ServiceProcess first = start("first", moto, sim);
        try {
            collect(first);
            snapshots.collect(Duration.ofSeconds(2));
            try (Connection db = sim.underlyingConnection(); Statement st = db.createStatement()) {
                st.execute("insert into redshift_sim.stl_query (userid, query, label, xid, pid, database, querytxt, starttime, endtime, aborted) "
                        + "select 100, 800000 + g, 'default', 1, 1, 'dev', 'select ' || g, (now() at time zone 'UTC') - interval '2 seconds', "
                        + "(now() at time zone 'UTC') - interval '1 second', 0 from generate_series(1, 5) g");
            }
            moto.server().stop(); // publishing now fails and is retried...
            // Sent asynchronously: the request only returns once publishing succeeds, which it must not before the kill.
            CompletableFuture<HttpResponse<String>> stuck = HttpClient.newHttpClient().sendAsync(collectRequest(first),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(first.log()).contains("retrying"));
            first.kill(); // ...when the process dies
            stuck.cancel(true);
        } finally {
            first.kill();
        }
        moto.server().start();
        moto = Moto.shared(); // a restarted moto is empty: provision again

        ServiceProcess second = start("second", moto, sim);
        try {
            String snapshot = collect(second);
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
            second.kill();
        }
    }

    /** An instance on the shared state store, collecting only when asked, reading the whole recent workload. */
    private static ServiceProcess start(String name, Moto moto, SimCluster sim) throws Exception {
        return CollectorProcesses.start(moto, LOGS.resolve(name), List.of(
                "-Dautopilot.collector.schedule-enabled=false",
                "-Dautopilot.collector.initial-lookback=P7D",
                "-Dautopilot.collector.clusters.c.jdbc-url=" + sim.jdbcUrl(),
                "-Dautopilot.collector.clusters.c.user=monitor",
                "-Dautopilot.collector.clusters.c.password=Monitor-pass1"));
    }

    private static HttpRequest collectRequest(ServiceProcess service) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/v1/clusters/c/collect"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private static String collect(ServiceProcess service) throws Exception {
        HttpResponse<String> response = service.post("/api/v1/clusters/c/collect");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"snapshotId\":\"([^\"]+)\"").matcher(response.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
