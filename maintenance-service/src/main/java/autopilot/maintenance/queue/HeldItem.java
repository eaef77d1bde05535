package autopilot.maintenance.queue;

import autopilot.events.EventEnvelope;
import autopilot.events.MaintenanceRequested;
import software.amazon.awssdk.services.sqs.model.Message;

/** A received work item this instance holds: its message, what the message says of its past, its cluster and the item. */
record HeldItem(Message message, Delivery delivery, String clusterId, EventEnvelope<MaintenanceRequested> event) {

    MaintenanceRequested work() {
        return event.payload();
    }
}
