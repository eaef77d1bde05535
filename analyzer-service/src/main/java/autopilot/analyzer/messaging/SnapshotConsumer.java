package autopilot.analyzer.messaging;

import autopilot.analyzer.intake.SnapshotIntake;
import autopilot.events.Channels;
import autopilot.runtime.messaging.MessageIntake;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin consumer of the snapshots queue: the shared intake decodes and counts, the snapshot intake
 * applies. A message that cannot be decoded is nacked; after the queue's maxReceiveCount SQS moves
 * it to the DLQ, while later messages go on being consumed.
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
    public void consume(String body) {
        messages.accept(Channels.SNAPSHOTS, body, event -> intake.accept(event, body));
    }
}
