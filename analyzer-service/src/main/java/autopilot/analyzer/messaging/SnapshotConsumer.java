package autopilot.analyzer.messaging;

import autopilot.analyzer.intake.SnapshotIntake;
import autopilot.events.Channels;
import autopilot.runtime.messaging.MessageIntake;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Thin consumer of the snapshots queue: the shared intake decodes and counts, the snapshot intake
 * applies. A message that cannot be decoded is nacked; after the queue's maxReceiveCount SQS moves
 * it to the DLQ, while later messages go on being consumed. A refused ack or nack is logged and counted,
 * never the end of the channel ({@link MessageIntake#consume}).
 */
@ApplicationScoped
public class SnapshotConsumer {

    private final MessageIntake messages;
    private final SnapshotIntake intake;

    SnapshotConsumer(MessageIntake messages, SnapshotIntake intake) {
        this.messages = messages;
        this.intake = intake;
    }

    @Incoming(Channels.SNAPSHOTS)
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<String> message) {
        return messages.consume(Channels.SNAPSHOTS, message.getPayload(), message::ack, message::nack, event -> intake.accept(event, message.getPayload()));
    }
}
