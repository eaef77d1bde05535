package autopilot.events;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one envelope every message between services carries: who produced what, when, for which
 * cluster, in which schema version. The payload is one of the {@link EventPayload} records.
 *
 * @param eventId       unique per event; consumers deduplicate on it (delivery is at-least-once)
 * @param eventType     name of the payload type, e.g. {@code FindingRaised}
 * @param schemaVersion version of the payload's JSON Schema
 * @param occurredAt    when the producer created the event (UTC)
 * @param clusterId     the Redshift cluster the event is about
 * @param producer      the service that produced it, e.g. {@code analyzer-service}
 * @param payload       the event body
 */
public record EventEnvelope<P extends EventPayload>(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String clusterId,
        String producer,
        P payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(payload, "payload");
        EventType type = EventType.of(payload.getClass());
        if (!type.typeName().equals(eventType)) {
            throw new IllegalArgumentException(
                    "eventType '" + eventType + "' does not match payload " + payload.getClass().getSimpleName());
        }
    }

    /** A new event with a random id, the current schema version of its payload and the clock's time. */
    public static <P extends EventPayload> EventEnvelope<P> create(
            String clusterId, String producer, P payload, Clock clock) {
        EventType type = EventType.of(payload.getClass());
        return new EventEnvelope<>(UUID.randomUUID(), type.typeName(), type.schemaVersion(),
                clock.instant(), clusterId, producer, payload);
    }
}
