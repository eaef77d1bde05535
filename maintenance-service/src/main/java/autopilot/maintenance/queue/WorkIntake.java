package autopilot.maintenance.queue;

import autopilot.events.Channels;
import autopilot.events.EventCodec;
import autopilot.events.EventDecodingException;
import autopilot.events.EventEnvelope;
import autopilot.events.MaintenanceRequested;
import autopilot.maintenance.plan.WorkItems;
import autopilot.maintenance.work.Clusters;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
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

    private final WorkQueue queue;
    private final Clusters clusters;
    private final EventCodec codec;
    private final MeterRegistry registry;

    WorkIntake(WorkQueue queue, Clusters clusters, EventCodec codec, MeterRegistry registry) {
        this.queue = queue;
        this.clusters = clusters;
        this.codec = codec;
        this.registry = registry;
    }

    /** The item to work on, or empty when the message was rejected (and is in the DLQ). */
    Optional<HeldItem> accept(Message m) {
        String group = m.attributesAsStrings().getOrDefault("MessageGroupId", "unknown");
        try {
            EventEnvelope<MaintenanceRequested> event = codec.decode(m.body(), MaintenanceRequested.class);
            WorkItems.validate(event.payload());
            if (!event.clusterId().equals(group)) {
                throw new WorkItems.InvalidWorkItemException("MessageGroupId '" + group + "' is not the item's cluster '"
                        + event.clusterId() + "'; one group per cluster is what keeps VACUUMs from overlapping");
            }
            if (!clusters.known(group)) {
                throw new WorkItems.InvalidWorkItemException("no cluster '" + group + "' is configured here "
                        + "(autopilot.maintenance.clusters.<id>); known: " + clusters.ids());
            }
            registry.counter("autopilot.events.consumed", "channel", Channels.MAINTENANCE_WORK, "event_type", event.eventType()).increment();
            return Optional.of(new HeldItem(m, WorkQueue.delivery(m), group, event));
        } catch (EventDecodingException | WorkItems.InvalidWorkItemException e) {
            String reason = e instanceof EventDecodingException ? e.getClass().getSimpleName() : "InvalidWorkItem";
            registry.counter("autopilot.events.rejected", "channel", Channels.MAINTENANCE_WORK, "reason", reason).increment();
            Log.warnf("Rejected a work item on %s (%s): %s. Sent to the DLQ.", Channels.MAINTENANCE_WORK, reason, e.getMessage());
            queue.handBack(m, group, new Disposition.DeadLetter(reason, e.getMessage()));
            return Optional.empty();
        }
    }
}
