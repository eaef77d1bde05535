package autopilot.analyzer.rules;

import static autopilot.analyzer.rules.TableRulesTest.NOW;
import static autopilot.analyzer.rules.TableRulesTest.cluster;
import static autopilot.analyzer.rules.TableRulesTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.model.TableHistory;
import autopilot.analyzer.model.Tables;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.work.WorkPlanner;
import autopilot.events.FindingCategory;
import autopilot.events.MaintenanceRequested;
import autopilot.events.Severity;
import autopilot.events.VacuumSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaintenanceForecastRuleTest {

    /** sales (id 2) now at {@code unsorted} % unsorted and {@code statsOff} stats_off, with a history of hourly points. */
    static ClusterView view(double unsorted, double statsOff, TableHistory history) {
        SnapshotData s = cluster().source("table_info", SnapshotBuilder.TABLE_INFO)
                .row(table(2, "sales", "KEY(id)", "saletime", 1, 20_000, unsorted, statsOff, 50_000_000, 1.1, 50_000_000L, 30.0))
                .build();
        return new ClusterView("c1", s.kind(), NOW, Tables.of(s), true, null, false, Duration.ofDays(1), TestThresholds.defaults(),
                history == null ? Map.of() : Map.of(2L, history));
    }

    /** {@code n} hourly points before now of unsorted = start + slope * days (exact), stats_off constant. */
    static TableHistory rising(int n, double start, double slopePerDay, double statsOff) {
        long[] t = new long[n];
        double[] u = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = NOW.getEpochSecond() - (n - i) * 3600L;
            u[i] = start + slopePerDay * i / 24.0;
            s[i] = statsOff;
        }
        return new TableHistory(t, u, s);
    }

    static double now(double start, double slopePerDay, int n) {
        return start + slopePerDay * n / 24.0;
    }

    @Test
    void aCrossingWithinADayIsForecastAndItsSortRequestedNowWithAToPercentRedshiftWillNotSkip() {
        // 48 hours from 5 % at 6 points a day: 17 % now, 20 % in half a day.
        ClusterView view = view(now(5, 6, 48), 1, rising(48, 5, 6, 1));
        List<FindingDraft> drafts = new MaintenanceForecastRule().evaluate(view);
        assertThat(drafts).hasSize(1);
        FindingDraft d = drafts.get(0);
        assertThat(d.category()).isEqualTo(FindingCategory.MAINTENANCE_FORECAST);
        assertThat(d.severity()).isEqualTo(Severity.WARNING);
        assertThat(d.title()).startsWith("public.sales will cross 20 % unsorted in ~0.5 days (95 % interval 0.5-0.5 days; 49 points, R² 1.00)");
        assertThat(d.work().sortBelowPct()).isEqualTo(95);
        assertThat(d.action().sql()).containsExactly("VACUUM SORT ONLY \"public\".\"sales\" TO 95 PERCENT;",
                "ANALYZE \"public\".\"sales\" PREDICATE COLUMNS;");

        List<MaintenanceRequested> items = WorkPlanner.plan("c1", drafts, Map.of(), t -> false, NOW, TestThresholds.defaults()).items();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).vacuum()).isEqualTo(new VacuumSpec(VacuumSpec.Variant.SORT_ONLY, 95, false));
        assertThat(items.get(0).reason()).startsWith("forecast: 20 % unsorted in ~0.5 days");
    }

    @Test
    void aCrossingBeyondTheWorkLeadIsReportedWithoutWork() {
        // 2 points a day from 3 %: 7 % now, 20 % in 6.5 days: inside the 7-day horizon, outside the 1-day lead.
        List<FindingDraft> drafts = new MaintenanceForecastRule().evaluate(view(now(3, 2, 48), 1, rising(48, 3, 2, 1)));
        assertThat(drafts).hasSize(1);
        assertThat(drafts.get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(drafts.get(0).work()).isNull();
        assertThat(drafts.get(0).title()).contains("in ~6.5 days");
    }

    @Test
    void aCrossingBeyondTheHorizonOrATableAlreadyOverTheThresholdGetsNoForecast() {
        assertThat(new MaintenanceForecastRule().evaluate(view(now(3, 1, 48), 1, rising(48, 3, 1, 1)))).isEmpty();
        assertThat(new MaintenanceForecastRule().evaluate(view(25, 1, rising(48, 5, 10, 1)))).isEmpty();
    }

    @Test
    void staleStatisticsAreForecastAndScheduleAnAnalyze() {
        TableHistory h = rising(24, 1, 0, 0);
        for (int i = 0; i < 24; i++) h.statsOffPct()[i] = 2 + 6 * i / 24.0; // 8 % now, 6 a day: 10 % in 8 hours
        List<FindingDraft> drafts = new MaintenanceForecastRule().evaluate(view(1, 2 + 6 * 24 / 24.0, h));
        assertThat(drafts).hasSize(1);
        assertThat(drafts.get(0).title()).contains("10 % stale statistics in ~0.3 days");
        assertThat(drafts.get(0).work().analyze()).isTrue();
        assertThat(drafts.get(0).work().sortBelowPct()).isNull();
        assertThat(drafts.get(0).action().runbook()).contains("analyze_threshold_percent");
    }

    @Test
    void noHistoryNoForecast() {
        assertThat(new MaintenanceForecastRule().evaluate(view(15, 1, null))).isEmpty();
    }
}
