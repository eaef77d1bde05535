package autopilot.maintenance.queue;

import autopilot.events.Channels;
import autopilot.events.EventDecodingException;
import autopilot.events.EventEnvelope;
import autopilot.events.MaintenanceRequested;
import autopilot.maintenance.plan.WorkItems;
import autopilot.maintenance.work.Clusters;
import autopilot.runtime.messaging.MessageIntake;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Takes a received message in as a work item of a configured cluster, or rejects it. A message that
 * can never run (undecodable, invalid, in another cluster's group, for a cluster not configured here)
 * goes to the DLQ with its reason at its first receive, so it leaves its group at once instead of
 * coming back until the redrive policy's receives are used up.
 */
@ApplicationScoped
public class WorkIntake {

    private static final String FATE = "Sent to the DLQ.";

    private final WorkQueue queue;
    private final Clusters clusters;
    private final MessageIntake messages;

    WorkIntake(WorkQueue queue, Clusters clusters, MessageIntake messages) {
        this.queue = queue;
        this.clusters = clusters;
        this.messages = messages;
    }

    /** The item to work on, or empty when the message was rejected (and is in the DLQ). */
    Optional<HeldItem> accept(Message m) {
        String group = m.attributesAsStrings().getOrDefault("MessageGroupId", "unknown");
        EventEnvelope<MaintenanceRequested> event;
        try {
            event = messages.decode(Channels.MAINTENANCE_WORK, m.body(), MaintenanceRequested.class, FATE);
        } catch (EventDecodingException e) {
            queue.handBack(m, group, new Disposition.DeadLetter(e.getClass().getSimpleName(), e.getMessage()));
            return Optional.empty();
        }
        try {
            WorkItems.validate(event.payload());
            if (!event.clusterId().equals(group)) {
                throw new WorkItems.InvalidWorkItemException("MessageGroupId '" + group + "' is not the item's cluster '"
                        + event.clusterId() + "'; one group per cluster is what keeps VACUUMs from overlapping");
            }
            if (!clusters.knownOrDiscovered(group)) {
                throw new WorkItems.InvalidWorkItemException("no cluster '" + group + "' is configured here "
                        + "(autopilot.maintenance.clusters.<id>) or discovered (autopilot.discovery); known: " + clusters.ids());
            }
        } catch (WorkItems.InvalidWorkItemException e) {
            messages.rejected(Channels.MAINTENANCE_WORK, "InvalidWorkItem", e.getMessage(), FATE);
            queue.handBack(m, group, new Disposition.DeadLetter("InvalidWorkItem", e.getMessage()));
            return Optional.empty();
        }
        messages.consumed(Channels.MAINTENANCE_WORK, event);
        return Optional.of(new HeldItem(m, WorkQueue.delivery(m), group, event));
    }
}
