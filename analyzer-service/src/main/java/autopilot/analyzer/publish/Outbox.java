package autopilot.analyzer.publish;

import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import autopilot.events.Finding;
import autopilot.events.FindingRaised;
import autopilot.events.FindingResolved;
import autopilot.events.FindingUpdated;
import autopilot.events.MaintenanceRequested;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Writes events into the outbox table inside the caller's transaction; {@link OutboxRelay} sends
 * them after commit. So an event exists exactly when the state change that caused it does.
 */
public final class Outbox {

    static final String PRODUCER = "analyzer-service";

    /** Where an outbox row goes. */
    public enum Destination { RECOMMENDATIONS, MAINTENANCE }

    private final EventCodec codec;
    private final Clock clock;

    public Outbox(EventCodec codec, Clock clock) {
        this.codec = codec;
        this.clock = clock;
    }

    /** An event for the recommendations topic; findings carry severity and category for subscription filters. */
    public void recommendation(Connection c, String clusterId, EventPayload payload) throws SQLException {
        Finding finding = payload instanceof FindingRaised r ? r.finding()
                : payload instanceof FindingUpdated u ? u.finding()
                : payload instanceof FindingResolved r ? r.finding() : null;
        insert(c, Destination.RECOMMENDATIONS, clusterId, payload, finding == null ? null : finding.severity().name(),
                finding == null ? null : finding.category().name(), null);
    }

    /** A work item for the maintenance FIFO queue (group = cluster, deduplication id from the item). */
    public void workItem(Connection c, String clusterId, MaintenanceRequested item) throws SQLException {
        insert(c, Destination.MAINTENANCE, clusterId, item, null, null, item.deduplicationId());
    }

    private void insert(Connection c, Destination destination, String clusterId, EventPayload payload, String severity,
                        String category, String deduplicationId) throws SQLException {
        EventEnvelope<EventPayload> event = EventEnvelope.create(clusterId, PRODUCER, payload, clock);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (destination, cluster_id, event_type, severity, category, "
                + "deduplication_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, destination.name());
            ps.setString(2, clusterId);
            ps.setString(3, event.eventType());
            ps.setString(4, severity);
            ps.setString(5, category);
            ps.setString(6, deduplicationId);
            ps.setString(7, codec.encode(event));
            ps.setTimestamp(8, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
    }
}
