package autopilot.alerting.messaging;

import autopilot.alerting.intake.RecommendationIntake;
import autopilot.events.Channels;
import autopilot.runtime.messaging.MessageIntake;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin consumer of the alerting inbox (the SQS queue subscribed to the recommendations topic with
 * raw delivery): the shared intake decodes and counts, the recommendation intake applies.
 * Undecodable events are nacked until SQS moves them to the inbox DLQ.
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
    public void consume(String body) {
        messages.accept(Channels.ALERTING_INBOX, body, intake::accept);
    }
}
