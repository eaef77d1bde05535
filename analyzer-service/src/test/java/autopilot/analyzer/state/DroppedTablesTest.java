package autopilot.analyzer.state;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.intake.SnapshotIntake;
import autopilot.events.ClusterKind;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
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
import org.junit.jupiter.api.Test;

/**
 * The state forgets a dropped (or emptied) table: once SVV_TABLE_INFO no longer lists it, its column
 * profiles and maintenance times are deleted, while the tables still there keep theirs.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DroppedTablesTest {

    private static final String CLUSTER = "dropped";
    private static final String[] PROFILE = {"database", "schema", "table_id", "table", "column", "profiled_rows", "non_null_rows",
            "distinct_values", "top_value_rows", "max_octet_length", "profiled_at"};

    private final EventCodec codec = new EventCodec();

    @Inject
    SnapshotIntake intake;
    @Inject
    AgroalDataSource state;

    private void snapshot(Instant at, long... tableIds) {
        SnapshotBuilder b = SnapshotBuilder.of(CLUSTER, ClusterKind.PROVISIONED, at).source("table_info", SnapshotBuilder.TABLE_INFO);
        for (long id : tableIds) {
            b.row("dev", "public", id, "t" + id, "Y", "KEY(id)", "id", 256, "none", 1, 200, 1.0, 0.0, 0.0, 5_000_000, 1.0, 1.0,
                    5_000_000, 0.0, "2026-01-01T00:00:00Z");
        }
        b.source("column_profile", PROFILE);
        for (long id : tableIds) {
            b.row("dev", "public", id, "t" + id, "id", 100_000, 100_000, 100_000, 1, null, at.minusSeconds(60).toString());
        }
        for (SnapshotPartCollected part : b.parts()) {
            String body = codec.encode(EventEnvelope.create(CLUSTER, "collector-service", part, Clock.systemUTC()));
            intake.accept(codec.decode(body), body);
        }
    }

    private List<Long> ids(String table) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = state.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT table_id FROM " + table + " WHERE cluster_id = ? ORDER BY table_id")) {
            ps.setString(1, CLUSTER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    @Test
    void aTableMissingFromTableInfoLosesItsProfilesAndMaintenanceTimes() throws Exception {
        Instant start = Instant.now().minus(Duration.ofHours(2));
        snapshot(start, 501, 502, 503);
        assertThat(ids("column_profile")).containsExactly(501L, 502L, 503L);
        try (Connection c = state.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO table_maintenance (cluster_id, table_id, last_vacuum) VALUES (?, 502, now()), (?, 503, now())")) {
            ps.setString(1, CLUSTER);
            ps.setString(2, CLUSTER);
            ps.executeUpdate();
        }

        snapshot(start.plus(Duration.ofHours(1)), 501, 503); // t502 dropped

        assertThat(ids("column_profile")).containsExactly(501L, 503L);
        assertThat(ids("table_maintenance")).containsExactly(503L);
    }
}
