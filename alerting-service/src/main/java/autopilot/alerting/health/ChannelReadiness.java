package autopilot.alerting.health;

import autopilot.alerting.config.AlertingConfig;
import autopilot.events.Channels;
import autopilot.runtime.health.ChannelProbe;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Ready only when the inbox, the pages topic and CloudWatch answer. */
@Readiness
@ApplicationScoped
class ChannelReadiness implements HealthCheck {

    private final ChannelProbe probe;

    ChannelReadiness(SqsClient sqs, SnsClient sns, CloudWatchClient cloudWatch, AlertingConfig config) {
        this.probe = new ChannelProbe().queue(Channels.ALERTING_INBOX, sqs, config.inboxQueue())
                .topic(Channels.PAGES, sns, config.pagesTopicArn())
                .service("cloudwatch", () -> cloudWatch.describeAlarms(b -> b.maxRecords(1)));
    }

    @Override
    public HealthCheckResponse call() {
        return probe.check();
    }
}
