package autopilot.runtime.messaging;

import autopilot.events.EventCodec;
import autopilot.events.EventDecodingException;
import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import autopilot.runtime.metrics.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

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
     * Handles one message of an SQS channel and settles it: acknowledged (deleted) when {@link #accept} returned,
     * negatively acknowledged (handed back to the queue, and after its receive count to the DLQ) when it threw. A failed
     * settlement is counted ({@code autopilot.events.settle.failures}), logged and swallowed: it must not end the
     * channel's stream. The usual cause is a message that outlived its visibility timeout and was received again or
     * moved to the DLQ, so its receipt handle lapsed; SQS then delivers it again or keeps it in the DLQ, and consumers
     * are idempotent. Use it from an {@code @Incoming} method that takes the {@code Message} and returns this stage.
     */
    public CompletionStage<Void> consume(String channel, String body, Supplier<CompletionStage<Void>> ack,
                                         Function<Throwable, CompletionStage<Void>> nack, Consumer<EventEnvelope<?>> handler) {
        try {
            accept(channel, body, handler);
        } catch (RuntimeException e) {
            if (!(e instanceof EventDecodingException)) {
                Log.warnf(e, "Handling a message on %s failed; it goes back to the queue", channel);
            }
            return settled(channel, "nack", () -> nack.apply(e));
        }
        return settled(channel, "ack", ack);
    }

    private CompletionStage<Void> settled(String channel, String action, Supplier<CompletionStage<Void>> settlement) {
        CompletionStage<Void> stage;
        try {
            stage = settlement.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.exceptionally(failure -> {
            registry.counter(MetricNames.SETTLE_FAILURES, "channel", channel, "action", action).increment();
            Log.warnf("The %s of a message on %s failed (%s); the channel goes on. SQS delivers the message again after its "
                    + "visibility timeout (consumers are idempotent) or has already moved it to the DLQ", action, channel,
                    failure.getMessage());
            return null;
        });
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
