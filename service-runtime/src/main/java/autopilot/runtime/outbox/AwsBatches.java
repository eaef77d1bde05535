package autopilot.runtime.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * An outbox batch as one AWS call: SNS PublishBatch or SQS SendMessageBatch. Each entry's id is the outbox row id, so
 * the answer's successful entries are the rows to delete; entries AWS failed are reported as the refusal (both calls
 * answer 200 with a per-entry result, which must be read even then). For a FIFO queue, messages of one batch are
 * enqueued in the order they are sent (SendMessageBatch, Amazon SQS API Reference).
 */
public final class AwsBatches {

    private AwsBatches() {
    }

    /** Publishes the batch to a topic with the attributes {@code attributes} gives each event. */
    public static OutboxSender.Sent publish(SnsClient sns, String topicArn, List<OutboxEvent> batch,
                                            Function<OutboxEvent, Map<String, software.amazon.awssdk.services.sns.model.MessageAttributeValue>> attributes) {
        List<PublishBatchRequestEntry> entries = new ArrayList<>();
        for (OutboxEvent event : batch) {
            entries.add(PublishBatchRequestEntry.builder().id(Long.toString(event.id())).message(event.body())
                    .messageAttributes(attributes.apply(event)).build());
        }
        PublishBatchResponse response = sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(entries));
        return sent(response.successful().stream().map(s -> s.id()).toList(),
                response.failed().stream().map(f -> f.id() + ": " + f.code() + " " + f.message()).toList());
    }

    /** Sends the batch to a queue; {@code entry} sets each event's group, deduplication id and attributes. */
    public static OutboxSender.Sent send(SqsClient sqs, String queueUrl, List<OutboxEvent> batch,
                                         Function<OutboxEvent, SendMessageBatchRequestEntry.Builder> entry) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (OutboxEvent event : batch) {
            entries.add(entry.apply(event).id(Long.toString(event.id())).messageBody(event.body()).build());
        }
        SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        return sent(response.successful().stream().map(s -> s.id()).toList(),
                response.failed().stream().map(f -> f.id() + ": " + f.code() + " " + f.message()).toList());
    }

    private static OutboxSender.Sent sent(List<String> successful, List<String> failed) {
        return new OutboxSender.Sent(successful.stream().map(Long::valueOf).toList(),
                failed.isEmpty() ? null : failed.stream().collect(Collectors.joining("; ", "refused ", "")));
    }
}
