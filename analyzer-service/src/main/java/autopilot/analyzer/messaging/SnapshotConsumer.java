package autopilot.analyzer.messaging;

import autopilot.analyzer.intake.SnapshotIntake;
import autopilot.events.Channels;
import autopilot.events.EventCodec;
import autopilot.events.EventDecodingException;
import autopilot.events.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin consumer of the snapshots queue: decode, count, hand over. A message that cannot be
 * decoded is logged with its reason and nacked; after the queue's maxReceiveCount SQS moves it to
 * the DLQ, while later messages go on being consumed.
 */
@ApplicationScoped
public class SnapshotConsumer {

    private final EventCodec codec;
    private final SnapshotIntake intake;
    private final MeterRegistry registry;

    SnapshotConsumer(EventCodec codec, SnapshotIntake intake, MeterRegistry registry) {
        this.codec = codec;
        this.intake = intake;
        this.registry = registry;
    }

    @Incoming(Channels.SNAPSHOTS)
    @Blocking
    public void consume(String body) {
        EventEnvelope<?> event;
        try {
            event = codec.decode(body);
        } catch (EventDecodingException e) {
            registry.counter("autopilot.events.rejected", "channel", Channels.SNAPSHOTS,
                    "reason", e.getClass().getSimpleName()).increment();
            Log.warnf("Rejected a message on %s (%s): %s. It goes to the DLQ once its receive count is exhausted.",
                    Channels.SNAPSHOTS, e.getClass().getSimpleName(), e.getMessage());
            throw e;
        }
        intake.accept(event, body);
        registry.counter("autopilot.events.consumed", "channel", Channels.SNAPSHOTS,
                "event_type", event.eventType()).increment();
    }
}
