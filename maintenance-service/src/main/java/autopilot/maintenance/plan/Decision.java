package autopilot.maintenance.plan;

import autopilot.events.MaintenanceSkipped;
import java.time.Instant;
import java.util.List;

/** What to do with a work item after the re-check. */
public sealed interface Decision {

    /** Run these statements, in order. */
    record Run(List<String> statements, double estimatedSeconds) implements Decision {
    }

    /** Do not run it, ever (an outcome event says why). */
    record Skip(MaintenanceSkipped.Code code, String reason) implements Decision {
    }

    /** Not now: leave it in the queue until {@code until}. */
    record Postpone(Instant until, MaintenanceSkipped.Code code, String reason) implements Decision {
    }
}
