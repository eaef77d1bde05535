package autopilot.runtime.outbox;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Hands outbox events to AWS (SNS publish, SQS send). A service with an outbox provides exactly one sender bean.
 * {@link #send(OutboxEvent)} sends one event, returning once AWS accepted it and throwing the SDK's exception when AWS
 * refused it or could not be reached. {@link #sendBatch} sends a batch the relay made (one destination, at most
 * {@link OutboxRelay#BATCH_SIZE} events, at most {@link OutboxRelay#BATCH_BYTES} of bodies, oldest first); a sender
 * overrides it with the service's batch call (SNS PublishBatch, SQS SendMessageBatch).
 */
@FunctionalInterface
public interface OutboxSender {

    /** What AWS did with a batch: the ids of the events it accepted, and why it refused the others (null: none refused). */
    record Sent(List<Long> accepted, String refusal) {
        public static Sent all(List<OutboxEvent> batch) {
            return new Sent(batch.stream().map(OutboxEvent::id).toList(), null);
        }
    }

    void send(OutboxEvent event);

    /**
     * Sends the batch; the default sends event by event and stops at the first refusal, so the refused event and
     * everything after it stay in the outbox. Throws the SDK's exception only when AWS took none of them.
     */
    default Sent sendBatch(List<OutboxEvent> batch) {
        List<Long> accepted = new ArrayList<>();
        for (OutboxEvent event : batch) {
            try {
                send(event);
            } catch (SdkException e) {
                if (accepted.isEmpty()) throw e;
                return new Sent(accepted, e.getMessage());
            }
            accepted.add(event.id());
        }
        return new Sent(accepted, null);
    }
}
