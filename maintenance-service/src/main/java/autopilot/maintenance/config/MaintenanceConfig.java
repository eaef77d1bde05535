package autopilot.maintenance.config;

import io.smallrye.config.ConfigMapping;

/** The maintenance service's channels. */
@ConfigMapping(prefix = "autopilot.maintenance")
public interface MaintenanceConfig {
    /** Name of the SQS FIFO queue work items arrive on (default {@code autopilot-maintenance-work.fifo}). */
    String workQueue();

    /** ARN of the SNS topic maintenance outcomes are published to. Required. */
    String recommendationsTopicArn();
}
