package autopilot.alerting.config;

import io.smallrye.config.ConfigMapping;

/** The alerting service's channels. */
@ConfigMapping(prefix = "autopilot.alerting")
public interface AlertingConfig {
    /** Name of the SQS queue subscribed to the recommendations topic (default {@code autopilot-alerting-inbox}). */
    String inboxQueue();

    /** ARN of the SNS topic pages are sent to. Required. */
    String pagesTopicArn();

    /** CloudWatch namespace of the custom metrics (default {@code RedshiftAutopilot}). */
    String metricsNamespace();
}
