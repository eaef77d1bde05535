package autopilot.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.model.DesignFacts;
import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.UsageCost;
import autopilot.analyzer.model.UsageDay;
import autopilot.analyzer.model.UsageSeries;
import autopilot.analyzer.model.UsageView;
import autopilot.events.ClusterKind;
import autopilot.events.FindingCategory;
import autopilot.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Today's usage against its trend and the budget, on hand-made hours (a fixed day: no wall clock). */
class UsageRulesTest {

    private static final Instant DAY = Instant.parse("2026-05-10T00:00:00Z");
    private static final Thresholds T = TestThresholds.defaults();

    /** RPU-seconds per hour: {@code perHour} in every hour of the previous {@code days} days, {@code today} per hour until {@code asOf}. */
    private static UsageSeries series(int days, double perHour, double today, Instant asOf) {
        TreeMap<Instant, Double> rpu = new TreeMap<>();
        Instant from = DAY.minus(Duration.ofDays(days));
        for (Instant h = from; h.isBefore(DAY); h = h.plus(Duration.ofHours(1))) rpu.put(h, perHour);
        for (Instant h = DAY; h.isBefore(asOf); h = h.plus(Duration.ofHours(1))) rpu.put(h, today);
        return new UsageSeries(from, rpu, new TreeMap<>(), asOf);
    }

    private static ClusterView view(UsageSeries s, Instant asOf, UsageCost cost) {
        UsageDay day = UsageDay.of(s, true, asOf, T.usage().trendDays(), T.usage().minHistoryDays());
        return new ClusterView("sl", ClusterKind.SERVERLESS, asOf, List.of(), false, null, true, Duration.ofDays(1), T, Map.of(),
                DesignFacts.NONE, OnCall.NONE, new UsageView(day, s, cost));
    }

    @Test
    void aDayAtThreeTimesItsTrendIsAboveIt() {
        Instant asOf = DAY.plus(Duration.ofHours(6));
        // 32 RPU busy 10 minutes an hour before; 30 minutes an hour today: 96 RPU-h by 06:00 against 32.
        ClusterView view = view(series(7, 32 * 600, 32 * 1800, asOf), asOf, UsageCost.NONE);
        UsageDay day = view.usage().day();
        assertThat(day.trend()).isCloseTo(32 * 600 * 6 / 3600.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(day.completedToday()).isCloseTo(96.0, org.assertj.core.data.Offset.offset(1e-9));
        List<FindingDraft> drafts = new UsageTrendRule().evaluate(view);
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.category()).isEqualTo(FindingCategory.USAGE_ABOVE_TREND);
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.evidence()).anySatisfy(e -> assertThat(e.name() + "=" + e.value()).isEqualTo("ratio_to_trend=3.0"));
        });
        // Forecast: the rest of the day at the trend's hours, scaled by today's ratio (3): 96 + 18 h x 16 RPU-h.
        assertThat(day.forecast()).isCloseTo(96 + 18 * 16.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aDayAtItsTrendOrWithTooLittleHistoryIsNot() {
        Instant asOf = DAY.plus(Duration.ofHours(6));
        assertThat(new UsageTrendRule().evaluate(view(series(7, 32 * 600, 32 * 700, asOf), asOf, UsageCost.NONE))).isEmpty();
        // Two previous days known: below usage.min-history-days (3), so no trend at all.
        ClusterView young = view(series(2, 32 * 600, 32 * 1800, asOf), asOf, UsageCost.NONE);
        assertThat(young.usage().day().hasTrend()).isFalse();
        assertThat(new UsageTrendRule().evaluate(young)).isEmpty();
        // Too early in the day: two completed hours are fewer than usage.min-trend-hours (3).
        Instant early = DAY.plus(Duration.ofHours(2));
        assertThat(new UsageTrendRule().evaluate(view(series(7, 32 * 600, 32 * 1800, early), early, UsageCost.NONE))).isEmpty();
    }

    @Test
    void theBudgetIsForecastToBeReachedAtTheHourTheProjectionCrossesIt() {
        Instant asOf = DAY.plus(Duration.ofHours(6));
        // 16 RPU-h an hour today, no history: the recent pace. 96 by 06:00, 200 reached 6.5 hours later (12:30).
        UsageCost cost = new UsageCost(0.375, "USD", 200.0, null);
        List<FindingDraft> drafts = new UsageBudgetRule().evaluate(view(series(0, 0, 32 * 1800, asOf), asOf, cost));
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.evidence()).anySatisfy(e -> assertThat(e.name() + "=" + e.detail()).isEqualTo("budget_reached_at=2026-05-10T12:30:00Z"));
            assertThat(d.evidence()).anySatisfy(e -> assertThat(e.name() + "=" + e.value()).isEqualTo("cost_today=36.0"));
        });
    }

    @Test
    void aBudgetAlreadyPassedIsCriticalAndTheMoneyBudgetWinsWhenLower() {
        Instant asOf = DAY.plus(Duration.ofHours(6));
        // 150 USD at 0.375 per RPU-h is 400 RPU-h; the RPU-hour budget (1000) is higher, so 400 applies. 96 so far: a forecast.
        assertThat(new UsageCost(0.375, "USD", 1000.0, 150.0).budgetRpuHours()).isEqualTo(400.0);
        // 60 RPU-h: passed in the fourth hour (16 an hour: 60 reached at 03:45).
        List<FindingDraft> passed = new UsageBudgetRule().evaluate(view(series(0, 0, 32 * 1800, asOf), asOf, new UsageCost(null, null, 60.0, null)));
        assertThat(passed).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(d.evidence()).anySatisfy(e -> assertThat(e.name() + "=" + e.detail()).isEqualTo("budget_reached_at=2026-05-10T03:45:00Z"));
        });
        assertThat(new UsageBudgetRule().evaluate(view(series(0, 0, 32 * 1800, asOf), asOf, UsageCost.NONE))).isEmpty();
    }

    @Test
    void aReadLaidOverTheStoredHoursReplacesThemSoTheSameReadTwiceCountsOnce() {
        Instant asOf = DAY.plus(Duration.ofHours(3));
        UsageSeries stored = series(1, 100, 100, asOf);
        TreeMap<Instant, Double> read = new TreeMap<>(Map.of(DAY.plus(Duration.ofHours(1)), 500.0, DAY.plus(Duration.ofHours(2)), 700.0));
        UsageSeries newer = new UsageSeries(DAY.plus(Duration.ofHours(1)), read, new TreeMap<>(), asOf.plusSeconds(300));
        UsageSeries once = stored.with(newer);
        UsageSeries twice = once.with(newer);
        assertThat(twice).isEqualTo(once);
        assertThat(UsageSeries.sum(once.rpuSeconds(), DAY, DAY.plus(Duration.ofDays(1)))).isEqualTo(100 + 500 + 700);
        // An older read analysed late changes nothing.
        assertThat(once.with(stored)).isEqualTo(once);
    }
}
