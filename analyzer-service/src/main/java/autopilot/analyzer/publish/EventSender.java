package autopilot.analyzer.publish;

import autopilot.analyzer.config.AnalyzerConfig;
import autopilot.events.MessageAttributes;
import autopilot.runtime.aws.TextAttributes;
import autopilot.runtime.outbox.OutboxEvent;
import autopilot.runtime.outbox.OutboxSender;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends an outbox event where it belongs: work items to the maintenance FIFO queue (message group =
 * cluster, so one cluster's items run in order; deduplication id from the item), everything else to
 * the recommendations topic with the attributes subscribers filter on.
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
        if (OutgoingEvents.Destination.MAINTENANCE.name().equals(event.destination())) {
            sqs.sendMessage(b -> b.queueUrl(maintenanceQueueUrl()).messageBody(event.body()).messageGroupId(event.clusterId())
                    .messageDeduplicationId(event.deduplicationId()).messageAttributes(Map.of(
                            MessageAttributes.EVENT_TYPE, TextAttributes.sqs(event.eventType()),
                            MessageAttributes.CLUSTER, TextAttributes.sqs(event.clusterId()))));
            return;
        }
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put(MessageAttributes.EVENT_TYPE, TextAttributes.sns(event.eventType()));
        attributes.put(MessageAttributes.CLUSTER, TextAttributes.sns(event.clusterId()));
        if (event.severity() != null) attributes.put(MessageAttributes.SEVERITY, TextAttributes.sns(event.severity()));
        if (event.category() != null) attributes.put(MessageAttributes.CATEGORY, TextAttributes.sns(event.category()));
        sns.publish(b -> b.topicArn(config.recommendationsTopicArn()).message(event.body()).messageAttributes(attributes));
    }

    private String maintenanceQueueUrl() {
        if (maintenanceQueueUrl == null) {
            maintenanceQueueUrl = sqs.getQueueUrl(b -> b.queueName(config.maintenanceQueue())).queueUrl();
        }
        return maintenanceQueueUrl;
    }
}
