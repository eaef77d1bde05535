package autopilot.maintenance.queue;

import java.time.Instant;

/**
 * What a received message says about its item's past: the attempt it is (1 unless re-sent after a
 * failure), how often SQS has handed out this very message, the window it was put back in for a
 * postponement of its own (or null) and the time it waits for (or null).
 */
public record Delivery(int attempt, int receiveCount, String requeuedFor, Instant notBefore) {

    /** Whether this message already carries a wait until {@code until} (so it has been counted as waiting). */
    public boolean waitsFor(Instant until) {
        return until.equals(notBefore);
    }
}
