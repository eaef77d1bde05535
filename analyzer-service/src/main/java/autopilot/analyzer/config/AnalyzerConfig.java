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
}
