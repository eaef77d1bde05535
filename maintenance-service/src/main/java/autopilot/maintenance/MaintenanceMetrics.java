package autopilot.maintenance;

/**
 * Names of this service's own metrics (Micrometer; Prometheus shows them with underscores and, for
 * counters, {@code _total}). What maintenance reports about the work items it runs. The metrics every
 * service shares are in service-runtime's {@code MetricNames}.
 */
public final class MaintenanceMetrics {

    /** Work items that had to wait, by {@code cluster} and {@code reason} (WINDOW_CLOSED or a postponement code). */
    public static final String DEFERRED = "autopilot.maintenance.deferred";

    /** Work items ended, by {@code cluster}, {@code outcome} and {@code code}. */
    public static final String ITEMS = "autopilot.maintenance.items";

    /** Timer: from the item's request to the start of its statements, waiting for the window included. */
    public static final String WAIT = "autopilot.maintenance.wait";

    /** Timer: wall time of a work item's statements. */
    public static final String DURATION = "autopilot.maintenance.duration";

    private MaintenanceMetrics() {
    }
}
