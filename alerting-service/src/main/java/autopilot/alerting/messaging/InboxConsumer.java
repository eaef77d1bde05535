package autopilot.alerting.messaging;

import autopilot.alerting.intake.RecommendationIntake;
import autopilot.events.Channels;
import autopilot.runtime.messaging.MessageIntake;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Thin consumer of the alerting inbox (the SQS queue subscribed to the recommendations topic with
 * raw delivery): the shared intake decodes and counts, the recommendation intake applies.
 * Undecodable events are nacked until SQS moves them to the inbox DLQ. A refused ack or nack is logged and
 * counted, never the end of the channel ({@link MessageIntake#consume}).
 */
@ApplicationScoped
public class InboxConsumer {

    private final MessageIntake messages;
    private final RecommendationIntake intake;

    InboxConsumer(MessageIntake messages, RecommendationIntake intake) {
        this.messages = messages;
        this.intake = intake;
    }

    @Incoming(Channels.ALERTING_INBOX)
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<String> message) {
        return messages.consume(Channels.ALERTING_INBOX, message.getPayload(), message::ack, message::nack, intake::accept);
    }
}
