package autopilot.analyzer.state;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.intake.SnapshotIntake;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.ClusterKind;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.MaintenanceRequested;
import autopilot.events.Severity;
import autopilot.events.SnapshotPartCollected;
import autopilot.events.VacuumSpec;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Forecasts through the state the analyzer keeps: table snapshots an hour apart go through the
 * intake, which writes each table's history to PostgreSQL; the next snapshot's analysis reads it
 * back and forecasts the crossing, and requests the sort before it. The disk forecast the same way,
 * from workload snapshots with the disk source.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ForecastStateTest {

    private static final String CLUSTER = "forecast";
    private static final String DISK_CLUSTER = "disk-forecast";
    private final EventCodec codec = new EventCodec();

    @Inject
    SnapshotIntake intake;
    @Inject
    AgroalDataSource state;
    @Inject
    FindingQuery findingQuery;

    /** Table sales, {@code unsorted} % unsorted, as SVV_TABLE_INFO showed it at {@code at}. */
    private void snapshot(Instant at, double unsorted) {
        SnapshotBuilder b = SnapshotBuilder.of(CLUSTER, ClusterKind.PROVISIONED, at).source("table_info", SnapshotBuilder.TABLE_INFO)
                .row("dev", "public", 42, "sales", "Y", "EVEN", "saletime", 256, "none", 1, 20_000, 1.0, unsorted, 1.0,
                        50_000_000, 1.0, 1.0, 50_000_000, 30.0, "2026-01-01T00:00:00Z");
        send(CLUSTER, b);
    }

    private void send(String cluster, SnapshotBuilder b) {
        for (SnapshotPartCollected part : b.parts()) {
            String body = codec.encode(EventEnvelope.create(cluster, "collector-service", part, Clock.systemUTC()));
            intake.accept(codec.decode(body), body);
        }
    }

    @Test
    void snapshotsAnHourApartBuildTheHistoryThatForecastsTheCrossingAndSchedulesTheSort() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(10));
        for (int i = 0; i <= 8; i++) {
            snapshot(start.plus(Duration.ofHours(i)).plusSeconds(120), 2 + 1.5 * i); // 14 % after 8 hours: 36 points a day
        }
        List<Finding> findings = findingQuery.open(state.getConnection(), CLUSTER)
                .values().stream().filter(f -> f.category() == FindingCategory.MAINTENANCE_FORECAST).toList();
        assertThat(findings).hasSize(1);
        // (20 - 14) / 36 days = 4 hours.
        assertThat(findings.get(0).title()).startsWith("public.sales will cross 20 % unsorted in ~0.2 days (95 % interval 0.2-0.2 days; 9 points, R² 1.00)");

        try (Connection c = state.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT body FROM work_item WHERE cluster_id = ?")) {
            ps.setString(1, CLUSTER);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                MaintenanceRequested item = codec.mapper().readValue(rs.getString(1), MaintenanceRequested.class);
                assertThat(item.vacuum()).isEqualTo(new VacuumSpec(VacuumSpec.Variant.SORT_ONLY, 95, false));
                assertThat(item.reason()).startsWith("forecast: 20 % unsorted");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    /** Table sales of the disk cluster, {@code sizeMb} large, as SVV_TABLE_INFO showed it at {@code at}. */
    private void diskClusterTables(Instant at, long sizeMb) {
        send(DISK_CLUSTER, SnapshotBuilder.of(DISK_CLUSTER, ClusterKind.PROVISIONED, at).source("table_info", SnapshotBuilder.TABLE_INFO)
                .row("dev", "public", 42, "sales", "Y", "EVEN", "saletime", 256, "none", 1, sizeMb, 1.0, 1.0, 1.0,
                        50_000_000, 1.0, 1.0, 50_000_000, 30.0, "2026-01-01T00:00:00Z"));
    }

    /** A workload snapshot at {@code at} whose node 1 uses {@code usedPct} % of its disk. */
    private void diskSnapshot(Instant at, double usedPct) {
        SnapshotBuilder b = SnapshotBuilder.of(DISK_CLUSTER, ClusterKind.PROVISIONED, at).source(SnapshotData.QUERIES, SnapshotBuilder.QUERIES)
                .row(1, 1, 1, 1, "", "dev", at.minusSeconds(62), at.minusSeconds(60), 0, 0, 6, "etl", 1, at, at, 0, 2_000_000, "select 1");
        b.source(SnapshotData.DISK, SnapshotBuilder.DISK).row(0, 20_000, 0, 100_000, 2).row(1, Math.round(usedPct * 1_000), 0, 100_000, 2);
        send(DISK_CLUSTER, b);
    }

    private Finding disk() throws Exception {
        try (Connection c = state.getConnection()) {
            return findingQuery.open(c, DISK_CLUSTER).values().stream().filter(f -> f.category() == FindingCategory.DISK_SPACE)
                    .findFirst().orElse(null);
        }
    }

    /**
     * Workload snapshots ten minutes apart carry the disk source through the intake, which stores each node's use; the
     * sixth snapshot's analysis reads the earlier ones back, fits the fullest node's trend and pages while the disk is
     * still under 90 %, naming the table that grew.
     */
    @Test
    void aSteadyClimbIsForecastFromTheStoredPointsAndPagesBeforeNinetyPercent() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
        diskClusterTables(start.minusSeconds(60), 10_000);
        diskClusterTables(start.plus(Duration.ofMinutes(30)), 14_000);
        for (int i = 0; i < 5; i++) {
            diskSnapshot(start.plus(Duration.ofMinutes(10L * i)), 70 + 2 * i); // 12 points an hour
        }
        assertThat(disk()).as("78 %% on five points: under the warning, too few points for a trend").isNull();

        diskSnapshot(start.plus(Duration.ofMinutes(50)), 80);
        Finding f = disk();
        // 80 %, growing 12 points an hour: full in 1.7 hours, well within the page horizon.
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.evidence()).filteredOn(e -> e.name().equals("hours_to_full")).singleElement()
                .satisfies(e -> assertThat(e.value()).isBetween(1.6, 1.7));
        assertThat(f.evidence()).filteredOn(e -> e.name().equals("max_node_used_pct")).singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo(80.0));
        // Past the warning, the tables that grew most are named from the stored table history.
        assertThat(f.evidence()).filteredOn(e -> e.name().equals("grown_table")).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("public.sales: 10000 -> 14000 MB since "));
    }
}
