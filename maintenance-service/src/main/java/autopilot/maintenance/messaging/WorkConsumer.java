package autopilot.maintenance.messaging;

import autopilot.events.Channels;
import autopilot.events.EventCodec;
import autopilot.events.EventDecodingException;
import autopilot.events.EventEnvelope;
import autopilot.events.MaintenanceRequested;
import autopilot.maintenance.intake.WorkIntake;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin consumer of the maintenance FIFO queue (one message group per cluster): decode, count,
 * hand over. Undecodable items are logged with their reason and nacked until SQS moves them to
 * the FIFO DLQ, which unblocks the cluster's message group.
 */
@ApplicationScoped
public class WorkConsumer {

    private final EventCodec codec;
    private final WorkIntake intake;
    private final MeterRegistry registry;

    WorkConsumer(EventCodec codec, WorkIntake intake, MeterRegistry registry) {
        this.codec = codec;
        this.intake = intake;
        this.registry = registry;
    }

    @Incoming(Channels.MAINTENANCE_WORK)
    @Blocking
    public void consume(String body) {
        EventEnvelope<MaintenanceRequested> event;
        try {
            event = codec.decode(body, MaintenanceRequested.class);
        } catch (EventDecodingException e) {
            registry.counter("autopilot.events.rejected", "channel", Channels.MAINTENANCE_WORK,
                    "reason", e.getClass().getSimpleName()).increment();
            Log.warnf("Rejected a work item on %s (%s): %s. It goes to the DLQ once its receive count is exhausted.",
                    Channels.MAINTENANCE_WORK, e.getClass().getSimpleName(), e.getMessage());
            throw e;
        }
        intake.accept(event);
        registry.counter("autopilot.events.consumed", "channel", Channels.MAINTENANCE_WORK,
                "event_type", event.eventType()).increment();
    }
}
