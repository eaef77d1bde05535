package autopilot.maintenance.queue;

import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.runtime.aws.TextAttributes;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS operations on the maintenance FIFO queue and its DLQ. An item being worked on is kept
 * invisible by a heartbeat; an item that may not run yet waits as {@link Dispositions} decides,
 * invisible for a short while or as a copy at the end of its group carrying the time it waits for.
 */
@ApplicationScoped
public class WorkQueue {

    /** Message attribute carrying the 1-based attempt number of a re-sent item. */
    public static final String ATTEMPT = "attempt";
    /** Message attribute of an item put back at the end of its group: the window (its closing time) it was put back in. */
    public static final String REQUEUED_FOR = "requeuedFor";
    /** Message attribute of an item put back to wait: the time (ISO-8601) before which it is not attempted. */
    public static final String NOT_BEFORE = "notBefore";
    /** Message attributes on items sent to the DLQ. */
    public static final String REASON = "reason";
    public static final String ERROR_CLASS = "errorClass";
    /** SQS's limit on a message's visibility timeout. */
    static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private final SqsClient sqs;
    private final MaintenanceConfig config;
    private volatile String queueUrl;
    private volatile String dlqUrl;

    WorkQueue(SqsClient sqs, MaintenanceConfig config) {
        this.sqs = sqs;
        this.config = config;
    }

    List<Message> receive() {
        MaintenanceConfig.Poller poller = config.poller();
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl()).maxNumberOfMessages(10)
                .waitTimeSeconds((int) Math.min(20, poller.waitTime().toSeconds()))
                .visibilityTimeout((int) poller.visibilityTimeout().toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                        MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .messageAttributeNames("All")).messages();
    }

    /**
     * Keeps held items invisible for another visibility period, ten per request (SQS's batch limit),
     * so a heartbeat over many items stays one or a few calls. Returns the failed entries: message id
     * -> SQS's reason.
     */
    Map<String, String> extend(Collection<Message> held) {
        int seconds = (int) config.poller().visibilityTimeout().toSeconds();
        List<Message> all = List.copyOf(held);
        Map<String, String> failed = new HashMap<>();
        for (int from = 0; from < all.size(); from += 10) {
            List<Message> chunk = all.subList(from, Math.min(all.size(), from + 10));
            var result = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl()).entries(chunk.stream()
                    .map(m -> ChangeMessageVisibilityBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(seconds).build()).toList()));
            result.failed().forEach(f -> failed.put(f.id(), f.code() + ": " + f.message()));
        }
        return failed;
    }

    /** Leaves the item in the queue, invisible for {@code delay} (at most 12 h; it comes back then and is checked again). */
    void defer(Message m, Duration delay) {
        Duration bounded = delay.isNegative() ? Duration.ZERO : delay.compareTo(MAX_VISIBILITY) > 0
                ? MAX_VISIBILITY.minusMinutes(1) : delay;
        setVisibility(m, bounded);
    }

    private void setVisibility(Message m, Duration d) {
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl()).receiptHandle(m.receiptHandle())
                .visibilityTimeout((int) Math.max(0, Math.ceil(d.toMillis() / 1000.0))));
    }

    void delete(Message m) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl()).receiptHandle(m.receiptHandle()));
    }

    /**
     * Puts the item back at the end of its cluster's group for another attempt. The deduplication id
     * is derived from the original and the attempt, so a re-send repeated after a crash is dropped by SQS.
     */
    void resend(Message m, String groupId, int attempt) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl()).messageBody(m.body()).messageGroupId(groupId)
                .messageDeduplicationId(derivedId(m, "attempt-" + attempt))
                .messageAttributes(Map.of(ATTEMPT, number(attempt))));
    }

    /**
     * Puts an item back at the end of its cluster's group, keeping its attempt number, so the items
     * behind it go first; the marks say in which window it was put back for a postponement of its own
     * (at most once per window) and until when it waits. SQS drops a repeat of the same re-send after
     * a crash by its deduplication id.
     */
    void requeue(Message m, String groupId, Disposition.Requeue requeue) {
        Map<String, MessageAttributeValue> marks = new HashMap<>(Map.of(ATTEMPT, number(delivery(m).attempt())));
        if (requeue.requeuedFor() != null) {
            marks.put(REQUEUED_FOR, TextAttributes.sqs(requeue.requeuedFor()));
        }
        if (requeue.notBefore() != null) {
            marks.put(NOT_BEFORE, TextAttributes.sqs(requeue.notBefore().toString()));
        }
        String suffix = requeue.notBefore() != null ? "waiting-until-" + requeue.notBefore() : "requeued-for-" + requeue.requeuedFor();
        sqs.sendMessage(b -> b.queueUrl(queueUrl()).messageBody(m.body()).messageGroupId(groupId)
                .messageDeduplicationId(derivedId(m, suffix)).messageAttributes(marks));
    }

    /** Hands the message back to SQS as decided; every disposition but a deferral ends with its deletion. */
    void handBack(Message m, String groupId, Disposition disposition) {
        if (disposition instanceof Disposition.Defer d) {
            defer(m, d.delay());
            return;
        }
        if (disposition instanceof Disposition.Requeue r) {
            requeue(m, groupId, r);
        } else if (disposition instanceof Disposition.Resend r) {
            resend(m, groupId, r.attempt());
        } else if (disposition instanceof Disposition.DeadLetter d) {
            deadLetter(m, groupId, d.errorClass(), d.reason());
        }
        delete(m);
    }

    /** Sends the item to the DLQ with why. */
    void deadLetter(Message m, String groupId, String errorClass, String reason) {
        String cut = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        sqs.sendMessage(b -> b.queueUrl(dlqUrl()).messageBody(m.body()).messageGroupId(groupId)
                .messageDeduplicationId(derivedId(m, "dlq"))
                .messageAttributes(Map.of(ERROR_CLASS, TextAttributes.sqs(errorClass), REASON, TextAttributes.sqs(cut))));
    }

    /** Approximate visible and in-flight item counts, for the API. */
    Map<String, String> depth() {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl()).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
    }

    /** What the message says about its item's past; marks it does not carry (or that do not parse) read as a first delivery's. */
    static Delivery delivery(Message m) {
        String notBefore = mark(m, NOT_BEFORE);
        Instant until = null;
        try {
            until = notBefore == null ? null : Instant.parse(notBefore);
        } catch (DateTimeParseException e) {
            // attempted now, then, and re-marked if it must wait
        }
        return new Delivery(integer(mark(m, ATTEMPT)),
                integer(m.attributesAsStrings().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString())),
                mark(m, REQUEUED_FOR), until);
    }

    private static String mark(Message m, String attribute) {
        MessageAttributeValue value = m.messageAttributes().get(attribute);
        return value == null ? null : value.stringValue();
    }

    private static int integer(String value) {
        try {
            return value == null ? 1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String derivedId(Message m, String suffix) {
        String base = m.attributesAsStrings().getOrDefault("MessageDeduplicationId", m.messageId());
        return UUID.nameUUIDFromBytes((base + "/" + suffix).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static MessageAttributeValue number(int value) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(value)).build();
    }

    private String queueUrl() {
        if (queueUrl == null) {
            queueUrl = sqs.getQueueUrl(b -> b.queueName(config.workQueue())).queueUrl();
        }
        return queueUrl;
    }

    private String dlqUrl() {
        if (dlqUrl == null) {
            dlqUrl = sqs.getQueueUrl(b -> b.queueName(config.workDlq())).queueUrl();
        }
        return dlqUrl;
    }
}
