package autopilot.maintenance.queue;

import autopilot.maintenance.plan.Decision;
import autopilot.maintenance.work.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The queue rules, pure: whether a received item may be attempted now and, after an attempt, what
 * becomes of its message. The time, the window, the message's past and whether another message of
 * the same batch already holds the group are passed in.
 *
 * <p>Waiting is where FIFO bites: while any message of a group is in flight SQS hands out no other
 * one of it, so an item left invisible until its window opens or its postponement ends (hours,
 * minutes) would hold everything behind it, poison included, that long. So:
 * <ul>
 * <li>A waiting message is never invisible longer than {@code hold} at a time; a longer wait goes to
 * the end of its group as a copy that carries the time it waits for (FIFO queues have no per-message
 * delay). A copy is deferred once and requeued the next time it is received: no copy is received
 * more than twice (the queue's redrive counts receives), and an item alone in its group does not go
 * round in a busy loop.</li>
 * <li>At most one message of a batch is deferred: it holds the group for all of them, and the others
 * wait behind it as copies. Two deferred messages coming back at different moments would hold the
 * group in turns, for good.</li>
 * <li>Deferrals end on a grid counted back from the end of the wait in steps of {@code hold}, so the
 * deferred message comes back exactly when the wait ends, and the items waiting for the same
 * opening with it are then received in one batch and run in priority order.</li>
 * </ul>
 */
public final class Dispositions {

    private final int maxAttempts;
    private final Duration hold;

    /**
     * @param maxAttempts failed attempts before an item goes to the DLQ
     * @param hold        the longest a waiting message stays in flight, holding its group
     */
    public Dispositions(int maxAttempts, Duration hold) {
        if (hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("a waiting item must be held longer than zero, found " + hold);
        }
        this.maxAttempts = maxAttempts;
        this.hold = hold;
    }

    /**
     * Before an attempt: how the item waits, or empty when it may be attempted now. It waits for the
     * next opening while its cluster's window is closed (unless it is urgent and the cluster runs urgent
     * items outside the window), and for the time its message carries while that is ahead.
     */
    public Optional<Disposition> beforeAttempt(Delivery delivery, boolean windowOpen, boolean urgentMayRun, Instant nextOpening,
                                               Instant now, boolean groupHeld) {
        if (!windowOpen && !urgentMayRun) {
            return Optional.of(waitUntil(nextOpening, delivery, now, groupHeld));
        }
        if (delivery.notBefore() != null && now.isBefore(delivery.notBefore())) {
            return Optional.of(waitUntil(delivery.notBefore(), delivery, now, groupHeld));
        }
        return Optional.empty();
    }

    /**
     * After an attempt. Done or skipped: deleted. Failed: another attempt at the end of the group while
     * it may succeed and attempts are left, else the DLQ. Postponed for a reason of its own: to the end
     * of the group once per window ({@code window}: the open window's closing time, or "none"), so the
     * items behind it run first; otherwise it waits for the postponement's end.
     */
    public Disposition afterAttempt(Outcome outcome, Delivery delivery, String window, Instant now, boolean groupHeld) {
        if (outcome instanceof Outcome.Failed f) {
            if (f.retryable() && delivery.attempt() < maxAttempts) {
                return new Disposition.Resend(delivery.attempt() + 1);
            }
            return new Disposition.DeadLetter(f.errorClass(), "after " + delivery.attempt() + " attempt(s): " + f.message());
        }
        if (outcome instanceof Outcome.Postponed p) {
            if (p.scope() == Decision.Scope.ITEM && !window.equals(delivery.requeuedFor())) {
                return new Disposition.Requeue(window, null);
            }
            return waitUntil(p.until(), delivery, now, groupHeld);
        }
        return new Disposition.Delete(); // Completed, Skipped
    }

    /** Waiting until {@code until} without holding the group longer than {@code hold}, nor beside another deferred message. */
    Disposition waitUntil(Instant until, Delivery delivery, Instant now, boolean groupHeld) {
        Duration remaining = Duration.between(now, until);
        boolean mayHold = !groupHeld && delivery.receiveCount() <= 1;
        if (mayHold && remaining.compareTo(hold) <= 0) {
            return new Disposition.Defer(remaining.isNegative() ? Duration.ZERO : remaining);
        }
        if (mayHold && delivery.waitsFor(until)) {
            return new Disposition.Defer(toNextStep(remaining));
        }
        return new Disposition.Requeue(delivery.requeuedFor(), until);
    }

    /** From now to the next point of the grid {@code until - k * hold}: at most {@code hold}, more than zero. */
    private Duration toNextStep(Duration remaining) {
        long millis = remaining.toMillis() % hold.toMillis();
        return millis == 0 ? hold : Duration.ofMillis(millis);
    }
}
