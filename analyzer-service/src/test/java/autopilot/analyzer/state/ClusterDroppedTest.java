package autopilot.analyzer.state;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.intake.SnapshotIntake;
import autopilot.events.ClusterDropped;
import autopilot.events.ClusterKind;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.Finding;
import autopilot.events.SnapshotPartCollected;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cluster dropped from the registry (deleted or untagged): its open findings resolve with the reason, once. */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ClusterDroppedTest {

    private static final String CLUSTER = "dropped-cluster";

    private final EventCodec codec = new EventCodec();

    @Inject
    SnapshotIntake intake;
    @Inject
    AgroalDataSource state;
    @Inject
    FindingQuery findings;

    private boolean deliver(EventEnvelope<?> event) {
        String body = codec.encode(event);
        return intake.accept(codec.decode(body), body);
    }

    private Map<String, Finding> open() throws Exception {
        try (Connection c = state.getConnection()) {
            return findings.open(c, CLUSTER);
        }
    }

    private List<String> resolveReasons() throws Exception {
        List<String> reasons = new ArrayList<>();
        try (Connection c = state.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT resolve_reason FROM finding WHERE cluster_id = ? AND resolved_at IS NOT NULL")) {
            ps.setString(1, CLUSTER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) reasons.add(rs.getString(1));
            }
        }
        return reasons;
    }

    @Test
    void openFindingsResolveWithTheReasonAndARepeatChangesNothing() throws Exception {
        Instant at = Instant.now().minus(Duration.ofMinutes(30));
        // One table heavily unsorted and skewed: findings open.
        SnapshotBuilder b = SnapshotBuilder.of(CLUSTER, ClusterKind.PROVISIONED, at).source("table_info", SnapshotBuilder.TABLE_INFO)
                .row("dev", "public", 900, "events", "Y", "KEY(user_id)", "ts", 256, "none", 1, 40_000, 30.0, 85.0, 40.0,
                        500_000_000, 1.0, 12.0, 500_000_000, 80.0, "2026-01-01T00:00:00Z");
        for (SnapshotPartCollected part : b.parts()) {
            deliver(EventEnvelope.create(CLUSTER, "collector-service", part, Clock.systemUTC()));
        }
        int opened = open().size();
        assertThat(opened).as("findings opened by the snapshot").isPositive();

        EventEnvelope<ClusterDropped> dropped = EventEnvelope.create(CLUSTER, "collector-service",
                new ClusterDropped("no longer tagged autopilot:monitor=true (or being deleted)", Instant.now()), Clock.systemUTC());
        assertThat(deliver(dropped)).isTrue();

        assertThat(open()).isEmpty();
        assertThat(resolveReasons()).hasSize(opened).allSatisfy(r -> assertThat(r)
                .isEqualTo("cluster dropped-cluster is no longer monitored: no longer tagged autopilot:monitor=true (or being deleted)"));
        // Delivered again (at-least-once): nothing left to resolve, reported as not new.
        assertThat(deliver(dropped)).isFalse();
        assertThat(resolveReasons()).hasSize(opened);
    }
}
