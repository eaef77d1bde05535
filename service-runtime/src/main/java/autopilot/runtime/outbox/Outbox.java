package autopilot.runtime.outbox;

import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Writes events into the service's {@code outbox} table inside the caller's transaction; the
 * {@link OutboxRelay} sends them after commit. So an event exists exactly when the state change that
 * caused it does, and its envelope (with its eventId) is made once, so a re-sent event is
 * recognisable by subscribers. The table is the same in every service (see a service's migrations).
 */
@ApplicationScoped
public class Outbox {

    /** What a subscriber filters on and FIFO needs; all optional. */
    public record Attributes(String severity, String category, String deduplicationId) {
        public static final Attributes NONE = new Attributes(null, null, null);
    }

    private final EventCodec codec;
    private final Clock clock;

    public Outbox(EventCodec codec, Clock clock) {
        this.codec = codec;
        this.clock = clock;
    }

    /** Adds an event made by {@code producer} for {@code destination}; returns the envelope written. */
    public EventEnvelope<EventPayload> add(Connection c, String destination, String clusterId, String producer,
                                           EventPayload payload, Attributes attributes) throws SQLException {
        EventEnvelope<EventPayload> event = EventEnvelope.create(clusterId, producer, payload, clock);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (destination, cluster_id, event_type, severity, "
                + "category, deduplication_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, destination);
            ps.setString(2, clusterId);
            ps.setString(3, event.eventType());
            ps.setString(4, attributes.severity());
            ps.setString(5, attributes.category());
            ps.setString(6, attributes.deduplicationId());
            ps.setString(7, codec.encode(event));
            ps.setTimestamp(8, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
        return event;
    }

    /** Events not yet sent (all instances). */
    public static int waiting(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
