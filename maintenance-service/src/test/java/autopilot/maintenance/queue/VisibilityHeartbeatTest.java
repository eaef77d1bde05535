package autopilot.maintenance.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The heartbeat renews what is held, only that, and keeps beating after a failed renewal (beats driven by hand, no timer). */
class VisibilityHeartbeatTest {

    private final List<List<String>> renewed = new ArrayList<>();
    private boolean failNext;

    private Map<String, String> extend(Collection<Message> messages) {
        renewed.add(messages.stream().map(Message::messageId).sorted().toList());
        if (failNext) {
            failNext = false;
            throw new IllegalStateException("SQS unreachable");
        }
        return Map.of(messages.iterator().next().messageId(), "ReceiptHandleIsInvalid: gone");
    }

    private static Message message(String id) {
        return Message.builder().messageId(id).receiptHandle("handle-" + id).build();
    }

    @Test
    void renewsEveryHeldMessageAndNoneAfterItsRelease() {
        VisibilityHeartbeat heartbeat = new VisibilityHeartbeat(this::extend);
        Message a = message("a");
        Message b = message("b");
        heartbeat.beat();
        assertThat(renewed).as("nothing held, no request").isEmpty();

        heartbeat.hold(a);
        heartbeat.hold(b);
        heartbeat.beat();
        heartbeat.release(a);
        heartbeat.beat();
        heartbeat.release(b);
        heartbeat.beat();
        assertThat(renewed).containsExactly(List.of("a", "b"), List.of("b"));
    }

    @Test
    void aFailedRenewalDoesNotStopTheNextBeat() {
        VisibilityHeartbeat heartbeat = new VisibilityHeartbeat(this::extend);
        heartbeat.hold(message("a"));
        failNext = true;
        heartbeat.beat();
        heartbeat.beat();
        assertThat(renewed).containsExactly(List.of("a"), List.of("a"));
    }
}
