package autopilot.runtime.messaging;

import autopilot.events.EventCodec;
import autopilot.events.EventDecodingException;
import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import autopilot.runtime.metrics.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;

/**
 * The one way a service takes a message off a channel: decode it strictly, count it, and either hand
 * it over or reject it with its reason in the log and the {@code autopilot.events.rejected} counter.
 */
@ApplicationScoped
public class MessageIntake {

    private final EventCodec codec;
    private final MeterRegistry registry;

    public MessageIntake(EventCodec codec, MeterRegistry registry) {
        this.codec = codec;
        this.registry = registry;
    }

    /**
     * Decodes {@code body} and hands it to {@code handler}. An undecodable body is counted, logged and
     * rethrown, so the message is not acknowledged and SQS moves it to the channel's DLQ once its
     * receive count is exhausted, while later messages go on being consumed.
     */
    public void accept(String channel, String body, Consumer<EventEnvelope<?>> handler) {
        EventEnvelope<?> event = decode(channel, body, "It goes to the DLQ once its receive count is exhausted.");
        handler.accept(event);
        consumed(channel, event);
    }

    /**
     * Decodes {@code body}; when it cannot be decoded, counts and logs the rejection ({@code fate} says
     * what happens to the message next) and rethrows.
     */
    public EventEnvelope<?> decode(String channel, String body, String fate) {
        try {
            return codec.decode(body);
        } catch (EventDecodingException e) {
            rejected(channel, e.getClass().getSimpleName(), e.getMessage(), fate);
            throw e;
        }
    }

    /** Like {@link #decode(String, String, String)}, for a channel that carries one event type. */
    public <T extends EventPayload> EventEnvelope<T> decode(String channel, String body, Class<T> type, String fate) {
        try {
            return codec.decode(body, type);
        } catch (EventDecodingException e) {
            rejected(channel, e.getClass().getSimpleName(), e.getMessage(), fate);
            throw e;
        }
    }

    /**
     * Counts and logs a message rejected for a reason of the service's own (it decoded, but cannot be
     * used); {@code fate} says what happens to it next.
     */
    public void rejected(String channel, String reason, String detail, String fate) {
        registry.counter(MetricNames.EVENTS_REJECTED, "channel", channel, "reason", reason).increment();
        Log.warnf("Rejected a message on %s (%s): %s. %s", channel, reason, detail, fate);
    }

    /** Counts an event handled on {@code channel}. */
    public void consumed(String channel, EventEnvelope<?> event) {
        registry.counter(MetricNames.EVENTS_CONSUMED, "channel", channel, "event_type", event.eventType()).increment();
    }
}
