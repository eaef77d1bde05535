package autopilot.collector.health;

import autopilot.collector.config.CollectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Ready only when the snapshots queue answers. */
@Readiness
@ApplicationScoped
class ChannelReadiness implements HealthCheck {

    private final SqsClient sqs;
    private final CollectorConfig config;

    ChannelReadiness(SqsClient sqs, CollectorConfig config) {
        this.sqs = sqs;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("aws-channels");
        try {
            response.withData("snapshots", sqs.getQueueUrl(b -> b.queueName(config.snapshotsQueue())).queueUrl());
            return response.up().build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
