package autopilot.analyzer.publish;

import autopilot.analyzer.config.AnalyzerConfig;
import autopilot.events.MessageAttributes;
import autopilot.runtime.aws.TextAttributes;
import autopilot.runtime.outbox.AwsBatches;
import autopilot.runtime.outbox.OutboxEvent;
import autopilot.runtime.outbox.OutboxSender;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Sends an outbox event where it belongs: work items to the maintenance FIFO queue (message group =
 * cluster, so one cluster's items run in order; deduplication id from the item), everything else to
 * the recommendations topic with the attributes subscribers filter on; the relay's batches as one
 * SendMessageBatch or PublishBatch call.
 */
@ApplicationScoped
class EventSender implements OutboxSender {

    private final SnsClient sns;
    private final SqsClient sqs;
    private final AnalyzerConfig config;
    private volatile String maintenanceQueueUrl;

    EventSender(SnsClient sns, SqsClient sqs, AnalyzerConfig config) {
        this.sns = sns;
        this.sqs = sqs;
        this.config = config;
    }

    @Override
    public void send(OutboxEvent event) {
        if (toMaintenance(event)) {
            sqs.sendMessage(b -> b.queueUrl(maintenanceQueueUrl()).messageBody(event.body()).messageGroupId(event.clusterId())
                    .messageDeduplicationId(event.deduplicationId()).messageAttributes(queueAttributes(event)));
            return;
        }
        sns.publish(b -> b.topicArn(config.recommendationsTopicArn()).message(event.body()).messageAttributes(topicAttributes(event)));
    }

    /** The relay's batches hold one destination each. */
    @Override
    public Sent sendBatch(List<OutboxEvent> batch) {
        if (toMaintenance(batch.get(0))) {
            return AwsBatches.send(sqs, maintenanceQueueUrl(), batch, event -> SendMessageBatchRequestEntry.builder()
                    .messageGroupId(event.clusterId()).messageDeduplicationId(event.deduplicationId())
                    .messageAttributes(queueAttributes(event)));
        }
        return AwsBatches.publish(sns, config.recommendationsTopicArn(), batch, EventSender::topicAttributes);
    }

    private static boolean toMaintenance(OutboxEvent event) {
        return OutgoingEvents.Destination.MAINTENANCE.name().equals(event.destination());
    }

    private static Map<String, software.amazon.awssdk.services.sqs.model.MessageAttributeValue> queueAttributes(OutboxEvent event) {
        return Map.of(MessageAttributes.EVENT_TYPE, TextAttributes.sqs(event.eventType()),
                MessageAttributes.CLUSTER, TextAttributes.sqs(event.clusterId()));
    }

    private static Map<String, MessageAttributeValue> topicAttributes(OutboxEvent event) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put(MessageAttributes.EVENT_TYPE, TextAttributes.sns(event.eventType()));
        attributes.put(MessageAttributes.CLUSTER, TextAttributes.sns(event.clusterId()));
        if (event.severity() != null) attributes.put(MessageAttributes.SEVERITY, TextAttributes.sns(event.severity()));
        if (event.category() != null) attributes.put(MessageAttributes.CATEGORY, TextAttributes.sns(event.category()));
        return attributes;
    }

    private String maintenanceQueueUrl() {
        if (maintenanceQueueUrl == null) {
            maintenanceQueueUrl = sqs.getQueueUrl(b -> b.queueName(config.maintenanceQueue())).queueUrl();
        }
        return maintenanceQueueUrl;
    }
}
