package autopilot.runtime.metrics;

/**
 * Names of the metrics every service reports the same way (Micrometer names; Prometheus shows them
 * with underscores and a {@code _total} suffix for counters). A service's own metrics are named in
 * its own {@code *Metrics} class.
 */
public final class MetricNames {

    /** Events decoded and handled, by {@code channel} and {@code event_type}. */
    public static final String EVENTS_CONSUMED = "autopilot.events.consumed";
    /** Messages that could not be decoded, by {@code channel} and {@code reason}. */
    public static final String EVENTS_REJECTED = "autopilot.events.rejected";
    /** Acks or nacks SQS refused (a lapsed receipt handle), by {@code channel} and {@code action}. */
    public static final String SETTLE_FAILURES = "autopilot.events.settle.failures";
    /** Outbox events AWS accepted, by {@code destination} and {@code event_type}. */
    public static final String OUTBOX_SENT = "autopilot.outbox.sent";
    /** Outbox drains stopped because AWS refused or could not be reached. */
    public static final String OUTBOX_FAILURES = "autopilot.outbox.failures";

    private MetricNames() {
    }
}
