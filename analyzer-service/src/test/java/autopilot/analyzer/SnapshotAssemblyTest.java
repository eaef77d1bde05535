package autopilot.analyzer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.analyzer.intake.SnapshotIntake;
import autopilot.analyzer.state.Retention;
import autopilot.events.ClusterHealthReported;
import autopilot.events.ClusterKind;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.SnapshotPartCollected;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoServer;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.QueueProbe;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parts to snapshots: once, whole, in any order; incomplete ones swept; what-if leaves no trace. */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SnapshotAssemblyTest {

    static final Instant NOW = Instant.now();
    private final EventCodec codec = new EventCodec();
    private static final EventCodec CODEC = new EventCodec();

    @Inject
    SnapshotIntake intake;
    @Inject
    Retention retention;
    @Inject
    AgroalDataSource state;

    /** A snapshot with an unsorted table (one finding), split into one part per 2 rows. */
    static List<String> snapshot(String cluster) {
        SnapshotBuilder b = SnapshotBuilder.of(cluster, ClusterKind.PROVISIONED, NOW).source("table_info", SnapshotBuilder.TABLE_INFO);
        for (int i = 0; i < 5; i++) {
            b.row("dev", "public", 100 + i, "t" + i, "Y", "EVEN", "ts", 256, "none", 1, 2_000, 1.0, i == 0 ? 60.0 : 1.0, 0.0,
                    5_000_000, 1.0, 1.0, 5_000_000, 30.0, "2026-01-01T00:00:00Z");
        }
        b.source("queries", SnapshotBuilder.QUERIES)
                .row(1, 1, 1, 1, "", "dev", NOW.minusSeconds(60), NOW.minusSeconds(59), 0, 0, 6, "etl", 1, NOW, NOW, 0, 1000, "select 1");
        List<String> bodies = new ArrayList<>();
        for (SnapshotPartCollected part : b.parts(2)) {
            bodies.add(CODEC.encode(EventEnvelope.create(cluster, "collector-service", part, Clock.systemUTC())));
        }
        return bodies;
    }

    static List<ClusterHealthReported> health(String cluster, Duration window) {
        return new QueueProbe(Moto.shared().clients().sqs(), Moto.shared().topology().alertingInboxUrl()).collect(window).stream()
                .map(m -> CODEC.decode(m.body())).filter(e -> e.clusterId().equals(cluster))
                .map(EventEnvelope::payload).filter(ClusterHealthReported.class::isInstance).map(ClusterHealthReported.class::cast).toList();
    }

    long count(String sql) throws Exception {
        try (Connection c = state.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void partsInAnyOrderAreAnalysedOnceWhenTheLastArrives() throws Exception {
        List<String> bodies = snapshot("assembly");
        Collections.shuffle(bodies, new java.util.Random(3));
        Moto moto = Moto.shared();
        for (String body : bodies.subList(0, bodies.size() - 1)) {
            moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().snapshotsUrl()).messageBody(body));
        }
        assertThat(health("assembly", Duration.ofSeconds(3))).as("not analysed before the last part").isEmpty();
        String last = bodies.get(bodies.size() - 1);
        moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().snapshotsUrl()).messageBody(last));
        moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().snapshotsUrl()).messageBody(bodies.get(0)));
        List<ClusterHealthReported> reports = health("assembly", Duration.ofSeconds(6));
        assertThat(reports).singleElement().satisfies(h -> assertThat(h.maxUnsortedPct()).isEqualTo(60.0));
        assertThat(count("SELECT count(*) FROM finding WHERE cluster_id = 'assembly' AND status = 'OPEN'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM processed_part WHERE cluster_id = 'assembly' AND body IS NOT NULL")).isZero();
    }

    @Test
    void anIncompleteSnapshotIsSweptAndNeverAnalysed() throws Exception {
        List<String> bodies = snapshot("incomplete");
        for (String body : bodies.subList(0, bodies.size() - 1)) intake.accept(codec.decode(body), body);
        assertThat(retention.sweep(Instant.now().plus(Duration.ofHours(2)))).isGreaterThanOrEqualTo(bodies.size() - 1);
        String last = bodies.get(bodies.size() - 1);
        intake.accept(codec.decode(last), last);
        assertThat(count("SELECT count(*) FROM analyzed_snapshot WHERE cluster_id = 'incomplete'")).isZero();
    }

    @Test
    void whatIfAnswersFindingsAndWorkWithoutTouchingState() throws Exception {
        String body = "[" + String.join(",", snapshot("whatif")) + "]";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/analyze").then().statusCode(200)
                .body("findings.size()", org.hamcrest.Matchers.is(1))
                .body("findings[0].category", org.hamcrest.Matchers.is("UNSORTED_REGION"))
                .body("workItems[0].vacuum.variant", org.hamcrest.Matchers.is("SORT_ONLY"))
                .body("health.maxUnsortedPct", org.hamcrest.Matchers.is(60.0f));
        assertThat(count("SELECT count(*) FROM finding WHERE cluster_id = 'whatif'")).isZero();
        assertThat(count("SELECT count(*) FROM processed_part WHERE cluster_id = 'whatif'")).isZero();
        given().contentType(ContentType.JSON).body("[{\"eventType\": \"Nope\"}]").post("/api/v1/analyze").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("element 0"));
    }
}
