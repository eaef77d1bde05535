package autopilot.maintenance.publish;

import autopilot.events.MessageAttributes;
import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.runtime.aws.TextAttributes;
import autopilot.runtime.outbox.OutboxEvent;
import autopilot.runtime.outbox.OutboxSender;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes an outcome event from the outbox to the recommendations topic, with the attributes
 * ({@code eventType}, {@code cluster}) subscription filters use.
 */
@ApplicationScoped
class EventSender implements OutboxSender {

    private final SnsClient sns;
    private final MaintenanceConfig config;

    EventSender(SnsClient sns, MaintenanceConfig config) {
        this.sns = sns;
        this.config = config;
    }

    @Override
    public void send(OutboxEvent event) {
        sns.publish(b -> b.topicArn(config.recommendationsTopicArn()).message(event.body()).messageAttributes(Map.of(
                MessageAttributes.EVENT_TYPE, TextAttributes.sns(event.eventType()),
                MessageAttributes.CLUSTER, TextAttributes.sns(event.clusterId()))));
    }
}
