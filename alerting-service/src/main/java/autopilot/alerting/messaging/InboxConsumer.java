package autopilot.alerting.messaging;

import autopilot.alerting.intake.RecommendationIntake;
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
 * Thin consumer of the alerting inbox (the SQS queue subscribed to the recommendations topic with
 * raw delivery): decode, count, hand over. Undecodable events are logged with their reason and
 * nacked until SQS moves them to the inbox DLQ.
 */
@ApplicationScoped
public class InboxConsumer {

    private final EventCodec codec;
    private final RecommendationIntake intake;
    private final MeterRegistry registry;

    InboxConsumer(EventCodec codec, RecommendationIntake intake, MeterRegistry registry) {
        this.codec = codec;
        this.intake = intake;
        this.registry = registry;
    }

    @Incoming(Channels.ALERTING_INBOX)
    @Blocking
    public void consume(String body) {
        EventEnvelope<?> event;
        try {
            event = codec.decode(body);
        } catch (EventDecodingException e) {
            registry.counter("autopilot.events.rejected", "channel", Channels.ALERTING_INBOX,
                    "reason", e.getClass().getSimpleName()).increment();
            Log.warnf("Rejected a message on %s (%s): %s. It goes to the DLQ once its receive count is exhausted.",
                    Channels.ALERTING_INBOX, e.getClass().getSimpleName(), e.getMessage());
            throw e;
        }
        intake.accept(event);
        registry.counter("autopilot.events.consumed", "channel", Channels.ALERTING_INBOX,
                "event_type", event.eventType()).increment();
    }
}
