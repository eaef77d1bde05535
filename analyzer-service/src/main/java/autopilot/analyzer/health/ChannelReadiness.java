package autopilot.analyzer.health;

import autopilot.analyzer.config.AnalyzerConfig;
import autopilot.events.Channels;
import autopilot.runtime.health.ChannelProbe;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Ready only when the queues and the topic the analyzer uses answer. */
@Readiness
@ApplicationScoped
class ChannelReadiness implements HealthCheck {

    private final ChannelProbe probe;

    ChannelReadiness(SqsClient sqs, SnsClient sns, AnalyzerConfig config) {
        this.probe = new ChannelProbe().queue(Channels.SNAPSHOTS, sqs, config.snapshotsQueue())
                .queue(Channels.MAINTENANCE_WORK, sqs, config.maintenanceQueue())
                .topic(Channels.RECOMMENDATIONS, sns, config.recommendationsTopicArn());
    }

    @Override
    public HealthCheckResponse call() {
        return probe.check();
    }
}
