package autopilot.analyzer.intake;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.model.TableState;
import autopilot.analyzer.rules.TestThresholds;
import autopilot.analyzer.rules.Thresholds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastCandidatesTest {

    final Thresholds t = TestThresholds.defaults();

    static TableState table(long id, Double unsorted, Double statsOff) {
        return new TableState(id, "dev", "public", "t" + id, "EVEN", "ts", 1, false, 1000, unsorted, statsOff, 1000, 1000L, 1.0, 30.0,
                true, 256, 4, 0, 250L, 250L, List.of(), null, null, null, null, null);
    }

    @Test
    void onlyTablesOnTheirWayToAThresholdNeedHistoryClosestFirst() {
        double u = t.unsorted().pct();
        double s = t.statsOff().pct();
        List<Long> ids = SnapshotIntake.forecastCandidates(List.of(
                table(1, 0.0, 0.0),             // nothing to forecast
                table(2, u * 0.2, null),         // a fifth of the way
                table(3, u + 1, 0.0),            // already over: its finding is open
                table(4, null, s * 0.9),         // nine tenths of the way to stale
                table(5, u * 0.5, s * 0.1)), t);
        assertThat(ids).containsExactly(4L, 5L, 2L);
    }

    @Test
    void aBigClusterLoadsABoundedNumberOfHistories() {
        List<TableState> tables = new ArrayList<>();
        for (int i = 0; i < SnapshotIntake.MAX_FORECAST_TABLES + 500; i++) {
            tables.add(table(i, t.unsorted().pct() * (i + 1) / (SnapshotIntake.MAX_FORECAST_TABLES + 501.0), null));
        }
        List<Long> ids = SnapshotIntake.forecastCandidates(tables, t);
        assertThat(ids).hasSize(SnapshotIntake.MAX_FORECAST_TABLES).first().isEqualTo((long) SnapshotIntake.MAX_FORECAST_TABLES + 499);
    }
}
