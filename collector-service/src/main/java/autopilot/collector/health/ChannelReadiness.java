package autopilot.collector.health;

import autopilot.collector.config.CollectorConfig;
import autopilot.events.Channels;
import autopilot.runtime.health.ChannelProbe;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Ready only when the snapshots queue answers. */
@Readiness
@ApplicationScoped
class ChannelReadiness implements HealthCheck {

    private final ChannelProbe probe;

    ChannelReadiness(SqsClient sqs, CollectorConfig config) {
        this.probe = new ChannelProbe().queue(Channels.SNAPSHOTS, sqs, config.snapshotsQueue());
    }

    @Override
    public HealthCheckResponse call() {
        return probe.check();
    }
}
