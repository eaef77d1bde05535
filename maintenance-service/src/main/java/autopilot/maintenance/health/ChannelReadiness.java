package autopilot.maintenance.health;

import autopilot.maintenance.config.MaintenanceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Ready only when the work queue and the recommendations topic answer. */
@Readiness
@ApplicationScoped
class ChannelReadiness implements HealthCheck {

    private final SqsClient sqs;
    private final SnsClient sns;
    private final MaintenanceConfig config;

    ChannelReadiness(SqsClient sqs, SnsClient sns, MaintenanceConfig config) {
        this.sqs = sqs;
        this.sns = sns;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("aws-channels");
        try {
            response.withData("maintenance-work", sqs.getQueueUrl(b -> b.queueName(config.workQueue())).queueUrl());
            sns.getTopicAttributes(b -> b.topicArn(config.recommendationsTopicArn()));
            response.withData("recommendations", config.recommendationsTopicArn());
            return response.up().build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
