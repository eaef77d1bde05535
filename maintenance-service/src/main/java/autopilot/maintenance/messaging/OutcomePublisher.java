package autopilot.maintenance.messaging;

import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import autopilot.events.MessageAttributes;
import autopilot.maintenance.config.MaintenanceConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes outcome events to the recommendations topic with the eventType and cluster message
 * attributes subscribers filter on. Retries a few times; if SNS stays down the caller keeps the
 * work item in the queue, so the outcome is produced again after the re-check.
 */
@ApplicationScoped
public class OutcomePublisher {

    static final String PRODUCER = "maintenance-service";
    private static final int ATTEMPTS = 3;

    private final SnsClient sns;
    private final EventCodec codec;
    private final MaintenanceConfig config;
    private final Clock clock;

    OutcomePublisher(SnsClient sns, EventCodec codec, MaintenanceConfig config, Clock clock) {
        this.sns = sns;
        this.codec = codec;
        this.config = config;
        this.clock = clock;
    }

    public void publish(String clusterId, EventPayload payload) {
        EventEnvelope<EventPayload> event = EventEnvelope.create(clusterId, PRODUCER, payload, clock);
        String body = codec.encode(event);
        Map<String, MessageAttributeValue> attributes = Map.of(
                MessageAttributes.EVENT_TYPE, text(event.eventType()),
                MessageAttributes.CLUSTER, text(clusterId));
        for (int attempt = 1; ; attempt++) {
            try {
                sns.publish(b -> b.topicArn(config.recommendationsTopicArn()).message(body).messageAttributes(attributes));
                return;
            } catch (SdkException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                Log.warnf("Publishing %s for %s failed (%s); retrying", event.eventType(), clusterId, e.getMessage());
                sleep(500L * attempt);
            }
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
