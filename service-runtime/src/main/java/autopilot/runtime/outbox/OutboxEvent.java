package autopilot.runtime.outbox;

/**
 * One event waiting in a service's {@code outbox} table: where it goes (a name the service's
 * {@link OutboxSender} understands), the cluster it concerns, its type, the attributes subscribers
 * filter on (severity, category: null when the event has none), a FIFO deduplication id (null
 * outside FIFO queues) and the encoded envelope.
 */
public record OutboxEvent(long id, String destination, String clusterId, String eventType, String severity,
                          String category, String deduplicationId, String body) {
}
