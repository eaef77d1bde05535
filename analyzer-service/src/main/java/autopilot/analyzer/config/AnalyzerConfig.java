package autopilot.analyzer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The analyzer's channels, thresholds and work-item policy. */
@ConfigMapping(prefix = "autopilot.analyzer")
public interface AnalyzerConfig {
    /** Name of the SQS queue the collector publishes snapshot parts to (default {@code autopilot-snapshots}). */
    String snapshotsQueue();

    /** ARN of the SNS topic finding events are published to. Required. */
    String recommendationsTopicArn();

    /** Name of the SQS FIFO queue maintenance work items are sent to. */
    @WithDefault("autopilot-maintenance-work.fifo")
    String maintenanceQueue();

    /**
     * Tables never to request maintenance for: globs over {@code cluster/database.schema.table}
     * ({@code *} any text), e.g. {@code prod/dev.staging.*}. Findings are still raised.
     */
    Optional<List<String>> deny();

    /** Incomplete snapshots (a collector died mid-cycle) are dropped after this long (default 1 h). */
    @WithDefault("PT1H")
    Duration incompleteSnapshotTtl();

    /** Overrides of single thresholds; every default and its reason is in {@code Thresholds.defaults()} and the README. */
    ThresholdOverrides thresholds();

    /** One optional key per threshold (names as in the README's table). */
    interface ThresholdOverrides {
        Optional<Double> skewRatio();

        Optional<Long> skewMinRows();

        Optional<Long> pageMinSizeMb();

        Optional<Double> unsortedPct();

        Optional<Double> unsortedCriticalPct();

        Optional<Double> minSortBenefitPct();

        Optional<Long> deepCopyMinSizeMb();

        Optional<Double> deepCopyUnsortedPct();

        Optional<Double> statsOffPct();

        Optional<Double> statsOffCriticalPct();

        Optional<Double> ghostRowsPct();

        Optional<Long> ghostMinRowsPerScan();

        Optional<Double> heavyScansPerDay();

        Optional<Duration> workloadWindow();

        Optional<Duration> autoMaintenanceGrace();

        Optional<Duration> workRepeatAfter();

        Optional<Duration> forecastLookback();

        Optional<Integer> forecastMinPoints();

        Optional<Double> forecastMinR2();

        Optional<Duration> forecastHorizon();

        Optional<Duration> forecastWorkLead();

        /** Table design advice ({@code design.*}). */
        DesignOverrides design();
    }
}
