package autopilot.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Reads what arrived on a queue (a DLQ, a pages subscription), deleting what it reads. */
public final class QueueProbe {

    private final SqsClient sqs;
    private final String queueUrl;

    public QueueProbe(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Drains the queue until a message matches or the timeout passes; returns the match, if any. */
    public java.util.Optional<Message> awaitMessage(Predicate<Message> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Message message : receive(1)) {
                if (match.test(message)) {
                    return java.util.Optional.of(message);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Everything that arrives within the window. */
    public List<Message> collect(Duration window) {
        List<Message> all = new ArrayList<>();
        Instant deadline = Instant.now().plus(window);
        while (Instant.now().isBefore(deadline)) {
            all.addAll(receive(1));
        }
        return all;
    }

    private List<Message> receive(int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        for (Message m : messages) {
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
        return messages;
    }

    /** Removes everything currently on the queue. */
    public void purge() {
        sqs.purgeQueue(b -> b.queueUrl(queueUrl));
    }
}
