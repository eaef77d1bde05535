package autopilot.alerting.store;

import autopilot.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Event ids already applied; delivery is at-least-once, so the second delivery of an event is a no-op. */
@ApplicationScoped
public class ProcessedEvents {

    private static final String INSERT = "INSERT INTO processed_event (event_id, event_type, cluster_id, received_at) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING";

    /** @return true when the event is new (and is now recorded, if the transaction commits) */
    public boolean markProcessed(Connection connection, EventEnvelope<?> event, Instant now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            ps.setObject(1, event.eventId());
            ps.setString(2, event.eventType());
            ps.setString(3, event.clusterId());
            ps.setTimestamp(4, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }
}
