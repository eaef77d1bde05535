package autopilot.alerting.paging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides, purely, whether a signal pages: one page when a problem starts and one when it ends;
 * the same fingerprint is not paged again within the repeat window (a repeat, or a flapping problem,
 * is recorded as suppressed instead); an end is paged only when its start was, and only once.
 */
public final class IncidentPolicy {

    /** What to do with a signal. */
    public enum Outcome { PAGE, SUPPRESS, IGNORE }

    /**
     * @param outcome what to do
     * @param next    the fingerprint's state afterwards
     * @param reason  why, in words (shown for suppressed repeats)
     */
    public record Decision(Outcome outcome, Incident next, String reason) {
    }

    private final Duration repeatWindow;

    public IncidentPolicy(Duration repeatWindow) {
        this.repeatWindow = repeatWindow;
    }

    public Decision decide(Optional<Incident> current, Signal signal, Instant now) {
        return signal.type() == Signal.Type.PROBLEM ? problem(current, signal, now) : resolution(current, signal);
    }

    private Decision problem(Optional<Incident> current, Signal signal, Instant now) {
        Instant last = current.map(Incident::lastProblemPageAt).orElse(null);
        if (last != null && now.isBefore(last.plus(repeatWindow))) {
            Incident state = current.get();
            // A repeat while open keeps whether the opening was paged; a re-opening inside the window was not paged.
            Incident next = new Incident(signal.fingerprint(), true, state.open() && state.paged(), last);
            return new Decision(Outcome.SUPPRESS, next,
                    "paged at " + last + ", within the repeat window of " + repeatWindow);
        }
        return new Decision(Outcome.PAGE, new Incident(signal.fingerprint(), true, true, now), "problem started");
    }

    private Decision resolution(Optional<Incident> current, Signal signal) {
        if (current.isEmpty()) {
            return new Decision(Outcome.IGNORE, new Incident(signal.fingerprint(), false, false, null), "never paged");
        }
        Incident state = current.get();
        Incident closed = new Incident(state.fingerprint(), false, false, state.lastProblemPageAt());
        if (!state.open()) {
            return new Decision(Outcome.IGNORE, closed, "already resolved");
        }
        if (!state.paged()) {
            return new Decision(Outcome.IGNORE, closed, "its start was not paged");
        }
        return new Decision(Outcome.PAGE, closed, "problem resolved");
    }
}
