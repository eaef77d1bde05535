package autopilot.alerting;

/**
 * Names of this service's own metrics (Micrometer; Prometheus shows them with underscores and, for
 * counters, {@code _total}). What the alerting service reports about its pages and CloudWatch metrics. The metrics every service shares are in
 * service-runtime's {@code MetricNames}.
 */
public final class AlertingMetrics {

    /** Pages SNS accepted, by {@code kind}. */
    public static final String PAGES_SENT = "autopilot.pages.sent";

    /** Page sends SNS refused (retried). */
    public static final String PAGES_FAILED = "autopilot.pages.failed";

    /** Repeats suppressed inside the repeat window. */
    public static final String PAGES_SUPPRESSED = "autopilot.pages.suppressed";

    /** Metric datums CloudWatch accepted. */
    public static final String METRICS_PUBLISHED = "autopilot.metrics.published";

    /** Metric publishes CloudWatch refused (retried). */
    public static final String METRICS_PUBLISH_FAILED = "autopilot.metrics.publish.failed";

    private AlertingMetrics() {
    }
}
