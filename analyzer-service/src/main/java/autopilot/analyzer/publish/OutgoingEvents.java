package autopilot.analyzer.publish;

import autopilot.events.EventPayload;
import autopilot.events.Finding;
import autopilot.events.FindingRaised;
import autopilot.events.FindingResolved;
import autopilot.events.FindingUpdated;
import autopilot.events.MaintenanceRequested;
import autopilot.runtime.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the analyzer emits, written to the outbox inside the analysis transaction (so an event exists
 * exactly when the state change that caused it does); {@link EventSender} sends it after commit.
 */
@ApplicationScoped
public class OutgoingEvents {

    static final String PRODUCER = "analyzer-service";

    /** Where an outbox row goes; the names are the values of the outbox's destination column. */
    enum Destination { RECOMMENDATIONS, MAINTENANCE }

    private final Outbox outbox;

    OutgoingEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** An event for the recommendations topic; findings carry severity and category for subscription filters. */
    public void recommendation(Connection c, String clusterId, EventPayload payload) throws SQLException {
        Finding finding = payload instanceof FindingRaised r ? r.finding()
                : payload instanceof FindingUpdated u ? u.finding()
                : payload instanceof FindingResolved r ? r.finding() : null;
        outbox.add(c, Destination.RECOMMENDATIONS.name(), clusterId, PRODUCER, payload, finding == null ? Outbox.Attributes.NONE
                : new Outbox.Attributes(finding.severity().name(), finding.category().name(), null));
    }

    /** A work item for the maintenance FIFO queue (group = cluster, deduplication id from the item). */
    public void workItem(Connection c, String clusterId, MaintenanceRequested item) throws SQLException {
        outbox.add(c, Destination.MAINTENANCE.name(), clusterId, PRODUCER, item,
                new Outbox.Attributes(null, null, item.deduplicationId()));
    }
}
