package autopilot.maintenance.state;

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
 * Writes outcome events into the outbox inside the caller's transaction; {@link OutboxRelay}
 * publishes them after commit. The envelope (and its eventId) is made here, once, so a re-sent
 * event is recognisable by subscribers.
 */
@ApplicationScoped
class Outbox {

    static final String PRODUCER = "maintenance-service";

    private final EventCodec codec;
    private final Clock clock;

    Outbox(EventCodec codec, Clock clock) {
        this.codec = codec;
        this.clock = clock;
    }

    void add(Connection c, String clusterId, EventPayload payload) throws SQLException {
        EventEnvelope<EventPayload> event = EventEnvelope.create(clusterId, PRODUCER, payload, clock);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (cluster_id, event_type, body, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, clusterId);
            ps.setString(2, event.eventType());
            ps.setString(3, codec.encode(event));
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
    }

    /** Events not yet published. */
    static int waiting(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
