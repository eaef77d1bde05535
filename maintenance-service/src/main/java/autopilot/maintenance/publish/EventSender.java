package autopilot.maintenance.publish;

import autopilot.events.MessageAttributes;
import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.runtime.aws.TextAttributes;
import autopilot.runtime.outbox.AwsBatches;
import autopilot.runtime.outbox.OutboxEvent;
import autopilot.runtime.outbox.OutboxSender;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes an outcome event from the outbox to the recommendations topic, with the attributes
 * ({@code eventType}, {@code cluster}) subscription filters use; the relay's batches as one PublishBatch call.
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
        sns.publish(b -> b.topicArn(config.recommendationsTopicArn()).message(event.body()).messageAttributes(attributes(event)));
    }

    @Override
    public Sent sendBatch(List<OutboxEvent> batch) {
        return AwsBatches.publish(sns, config.recommendationsTopicArn(), batch, EventSender::attributes);
    }

    private static Map<String, MessageAttributeValue> attributes(OutboxEvent event) {
        return Map.of(MessageAttributes.EVENT_TYPE, TextAttributes.sns(event.eventType()),
                MessageAttributes.CLUSTER, TextAttributes.sns(event.clusterId()));
    }
}
