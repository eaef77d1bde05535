package autopilot.maintenance.queue;

import java.time.Duration;
import java.time.Instant;

/** What becomes of a work item's message once the service is done with it for now. */
public sealed interface Disposition {

    /** Done with for good (completed, skipped): removed from the queue. */
    record Delete() implements Disposition {
    }

    /** Left in the queue, in flight and so invisible, for {@code delay}; its group is held that long. */
    record Defer(Duration delay) implements Disposition {
    }

    /**
     * A copy goes to the back of the cluster's group and the message is deleted, so the group is not
     * held. {@code requeuedFor}: the window the item was put back in for its own postponement (kept
     * from the message when it only waits). {@code notBefore}: when it may be attempted again; null
     * when it is re-checked as soon as it comes round.
     */
    record Requeue(String requeuedFor, Instant notBefore) implements Disposition {
    }

    /** A copy for attempt number {@code attempt} goes to the back of the group; the message is deleted. */
    record Resend(int attempt) implements Disposition {
    }

    /** Sent to the DLQ with why, then deleted. */
    record DeadLetter(String errorClass, String reason) implements Disposition {
    }
}
