package autopilot.alerting.health;

import autopilot.alerting.config.AlertingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Ready only when the inbox, the pages topic and CloudWatch answer. */
@Readiness
@ApplicationScoped
class ChannelReadiness implements HealthCheck {

    private final SqsClient sqs;
    private final SnsClient sns;
    private final CloudWatchClient cloudWatch;
    private final AlertingConfig config;

    ChannelReadiness(SqsClient sqs, SnsClient sns, CloudWatchClient cloudWatch, AlertingConfig config) {
        this.sqs = sqs;
        this.sns = sns;
        this.cloudWatch = cloudWatch;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("aws-channels");
        try {
            response.withData("alerting-inbox", sqs.getQueueUrl(b -> b.queueName(config.inboxQueue())).queueUrl());
            sns.getTopicAttributes(b -> b.topicArn(config.pagesTopicArn()));
            response.withData("pages", config.pagesTopicArn());
            cloudWatch.describeAlarms(b -> b.maxRecords(1));
            response.withData("cloudwatch", "reachable");
            return response.up().build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
