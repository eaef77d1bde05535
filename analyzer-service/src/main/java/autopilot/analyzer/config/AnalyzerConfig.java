package autopilot.analyzer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The analyzer's channels. */
@ConfigMapping(prefix = "autopilot.analyzer")
public interface AnalyzerConfig {
    /** Name of the SQS queue the collector publishes snapshot parts to (default {@code autopilot-snapshots}). */
    String snapshotsQueue();

    /** ARN of the SNS topic finding events are published to. Required. */
    String recommendationsTopicArn();

    /** Name of the SQS FIFO queue maintenance work items are sent to. */
    @WithDefault("autopilot-maintenance-work.fifo")
    String maintenanceQueue();
}
