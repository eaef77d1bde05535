package autopilot.analyzer.config;

import autopilot.analyzer.rules.Thresholds;
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

    /** Every threshold the rules compare against ({@code thresholds.<group>.<name>}), each with its default and reason. */
    Thresholds thresholds();

    /** Price and budgets of usage ({@code usage.*}); per cluster under {@code usage.clusters.<id>.*}, over the global values. */
    Usage usage();

    /** Price and daily budget of Serverless usage; none has a default (AWS's price depends on region and contract). */
    interface Cost {
        /** Price of one RPU-hour; unset: no figure in money. */
        Optional<Double> pricePerRpuHour();

        /** Currency of the price (ISO 4217, e.g. USD); required with a price. */
        Optional<String> currency();

        /** RPU-hours a UTC day may use; unset: no RPU-hour budget. */
        Optional<Double> dailyBudgetRpuHours();

        /** Money a UTC day may cost; needs a price. Unset: no money budget. */
        Optional<Double> dailyBudgetAmount();
    }

    /** The global price and budget, and each cluster's own. */
    interface Usage extends Cost {
        /** Per cluster id: values set here win over the global ones. */
        java.util.Map<String, Cost> clusters();
    }
}
