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

    /**
     * Not now: leave it in the queue until {@code until}. {@code scope} says whether the reason holds
     * for the whole cluster (the cluster's other items would have to wait too) or only for this item.
     */
    record Postpone(Instant until, MaintenanceSkipped.Code code, String reason, Scope scope) implements Decision {
    }

    /** What a postponement's reason concerns. */
    enum Scope {
        /** The cluster as a whole (a VACUUM running, busy WLM queues): every item of it waits. */
        CLUSTER,
        /** This item only (its run would not end in the window; its delete phase would reclaim nothing now). */
        ITEM
    }
}
