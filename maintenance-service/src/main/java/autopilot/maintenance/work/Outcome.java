package autopilot.maintenance.work;

import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceSkipped;
import autopilot.maintenance.plan.Decision;
import java.time.Instant;

/** How one attempt at a work item ended. */
public sealed interface Outcome {

    /** Ran to the end. */
    record Completed(MaintenanceCompleted event) implements Outcome {
    }

    /** Not run, on purpose, for good. */
    record Skipped(MaintenanceSkipped event) implements Outcome {
    }

    /** Not now; back to the queue until {@code until}; {@code scope}: the whole cluster waits, or only this item. */
    record Postponed(Instant until, MaintenanceSkipped.Code code, String reason, Decision.Scope scope) implements Outcome {
    }

    /** The attempt failed; {@code retryable} when another attempt may succeed. */
    record Failed(String errorClass, String message, String sqlState, boolean retryable) implements Outcome {
    }
}
