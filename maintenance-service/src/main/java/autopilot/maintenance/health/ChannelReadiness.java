package autopilot.maintenance.health;

import autopilot.events.Channels;
import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.runtime.health.ChannelProbe;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Ready only when the work queue and the recommendations topic answer. */
@Readiness
@ApplicationScoped
class ChannelReadiness implements HealthCheck {

    private final ChannelProbe probe;

    ChannelReadiness(SqsClient sqs, SnsClient sns, MaintenanceConfig config) {
        this.probe = new ChannelProbe().queue(Channels.MAINTENANCE_WORK, sqs, config.workQueue())
                .topic(Channels.RECOMMENDATIONS, sns, config.recommendationsTopicArn());
    }

    @Override
    public HealthCheckResponse call() {
        return probe.check();
    }
}
