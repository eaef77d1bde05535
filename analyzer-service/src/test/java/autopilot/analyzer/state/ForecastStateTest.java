package autopilot.analyzer.state;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.intake.SnapshotIntake;
import autopilot.events.ClusterKind;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.MaintenanceRequested;
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
 * back and forecasts the crossing, and requests the sort before it.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ForecastStateTest {

    private static final String CLUSTER = "forecast";
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
        for (SnapshotPartCollected part : b.parts()) {
            String body = codec.encode(EventEnvelope.create(CLUSTER, "collector-service", part, Clock.systemUTC()));
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
}
