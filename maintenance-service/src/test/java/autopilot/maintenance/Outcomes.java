package autopilot.maintenance;

import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import autopilot.testsupport.Moto;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Outcome events as subscribers get them: read from the queue subscribed (raw delivery) to the
 * recommendations topic, with their SNS message attributes.
 */
final class Outcomes {

    /** An event with the message attributes it arrived with. */
    record Received(EventEnvelope<? extends EventPayload> event, Message message) {
        String attribute(String name) {
            return message.messageAttributes().containsKey(name) ? message.messageAttributes().get(name).stringValue() : null;
        }
    }

    private static final List<Received> SEEN = new CopyOnWriteArrayList<>();
    private static final EventCodec CODEC = new EventCodec();

    private Outcomes() {
    }

    private static void drain() {
        Moto moto = WorkItemsFixture.moto();
        List<Message> messages = moto.clients().sqs().receiveMessage(b -> b.queueUrl(moto.topology().alertingInboxUrl())
                .maxNumberOfMessages(10).waitTimeSeconds(1).messageAttributeNames("All")).messages();
        for (Message m : messages) {
            SEEN.add(new Received(CODEC.decode(m.body()), m));
            moto.clients().sqs().deleteMessage(b -> b.queueUrl(moto.topology().alertingInboxUrl()).receiptHandle(m.receiptHandle()));
        }
    }

    /** Every outcome so far that matches. */
    static List<Received> matching(Predicate<Received> match) {
        drain();
        return SEEN.stream().filter(match).toList();
    }

    /** Waits until {@code count} outcomes match. */
    static List<Received> await(Predicate<Received> match, int count, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> matching(match).size() >= count);
        return matching(match);
    }

    /** Events about one work item. */
    static Predicate<Received> of(String workItemId) {
        return r -> workItemId.equals(WorkItemsFixture.workItemId(r.event().payload()));
    }
}
