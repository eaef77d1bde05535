package autopilot.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import autopilot.analyzer.CollectorOnce;
import autopilot.analyzer.model.UsageCost;
import autopilot.analyzer.rules.TestThresholds;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.ClusterKind;
import autopilot.events.EventCodec;
import autopilot.events.SnapshotPartCollected;
import autopilot.events.UsageFigures;
import autopilot.sim.SimCluster;
import autopilot.testsupport.RedshiftSimExtension;
import autopilot.testsupport.SimUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The day's usage of the shipped {@code serverless} scenario end to end: the packaged collector reads the workgroup
 * (SYS_SERVERLESS_USAGE through its {@code serverless_usage} source), the pipeline turns the snapshot into
 * {@code ClusterHealthReported.usage}; the RPU-hours are those a superuser sums from the view, the cost is them at the
 * configured price. Live mode is off, so the view does not grow between the collection and the check.
 */
class UsageScenarioTest {

    private static final UsageCost PRICED = new UsageCost(0.375, "USD", null, null);

    private static SnapshotData collect(String cluster, SimCluster sim) throws Exception {
        EventCodec codec = new EventCodec();
        List<SnapshotPartCollected> parts = new ArrayList<>();
        for (String line : CollectorOnce.collect(cluster, sim)) {
            if (line.contains("\"SnapshotPartCollected\"")) parts.add(codec.decode(line, SnapshotPartCollected.class).payload());
        }
        return SnapshotData.of(cluster, parts);
    }

    /** RPU-hours charged since {@code since}, as a superuser reads them straight from the view. */
    private static double rpuHoursSince(SimCluster sim, Instant since) throws Exception {
        return SimUsage.chargedSecondsSince(sim, since) / 3600.0;
    }

    @Test
    void theServerlessScenariosDayIsItsChargedRpuHoursAndTheirCostAtTheConfiguredPrice() throws Exception {
        SimCluster sim = RedshiftSimExtension.sharedStill("serverless");
        SnapshotData snapshot = collect("serverless-usage", sim);
        assertThat(snapshot.kind()).isEqualTo(ClusterKind.SERVERLESS);

        Outcome outcome = new Pipeline(TestThresholds.defaults(), t -> false, PRICED).run(snapshot, PriorState.empty(), Instant.now());

        UsageFigures usage = outcome.health().usage();
        assertThat(usage).as("ClusterHealthReported.usage of a Serverless snapshot").isNotNull();
        Instant today = snapshot.collectedAt().truncatedTo(ChronoUnit.DAYS);
        assertThat(usage.day()).isEqualTo(today.atOffset(ZoneOffset.UTC).toLocalDate());
        double expected = rpuHoursSince(sim, today);
        assertThat(usage.rpuHoursToday()).isCloseTo(expected, within(0.001)); // figures are rounded to 0.001
        // The generator spreads its queries over the last day: the workgroup was busy (at 32 RPU) within it.
        assertThat(rpuHoursSince(sim, snapshot.collectedAt().minus(Duration.ofDays(1)))).isPositive();
        assertThat(usage.rpuHoursForecastToday()).isPositive().isGreaterThanOrEqualTo(usage.rpuHoursToday());
        assertThat(usage.costToday()).isCloseTo(expected * 0.375, within(0.001));
        assertThat(usage.currency()).isEqualTo("USD");
        assertThat(usage.concurrencyScalingSecondsToday()).as("provisioned only").isNull();

        UsageFigures unpriced = new Pipeline(TestThresholds.defaults(), t -> false, UsageCost.NONE)
                .run(snapshot, PriorState.empty(), Instant.now()).health().usage();
        assertThat(unpriced.rpuHoursToday()).isEqualTo(usage.rpuHoursToday());
        assertThat(unpriced.costToday()).as("no price configured, no money").isNull();
    }
}
