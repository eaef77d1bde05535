package autopilot.runtime.outbox;

/**
 * Hands one outbox event to AWS (SNS publish, SQS send). It returns only once AWS accepted the
 * event and throws the SDK's exception when AWS refused it or could not be reached; the relay then
 * keeps the event for the next attempt. A service with an outbox provides exactly one sender bean.
 */
@FunctionalInterface
public interface OutboxSender {
    void send(OutboxEvent event);
}
