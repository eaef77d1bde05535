package autopilot.analyzer;

/**
 * Names of this service's own metrics (Micrometer; Prometheus shows them with underscores and, for
 * counters, {@code _total}). What the analyzer reports about its intake and analyses. The metrics every service shares are in
 * service-runtime's {@code MetricNames}.
 */
public final class AnalyzerMetrics {

    /** Snapshot parts received, by {@code source} and {@code outcome} (new, duplicate). */
    public static final String PARTS = "autopilot.analyzer.parts";

    /** Snapshots analysed, by {@code cluster}. */
    public static final String SNAPSHOTS = "autopilot.analyzer.snapshots";

    /** Maintenance work items requested, by {@code cluster}. */
    public static final String WORK_ITEMS_REQUESTED = "autopilot.analyzer.work.items.requested";

    /** Timer: one analysis of a whole snapshot, by {@code cluster}. */
    public static final String ANALYSIS = "autopilot.analyzer.analysis";

    /** Gauge: open findings, by {@code cluster}, {@code severity} and {@code category}. */
    public static final String FINDINGS_OPEN = "autopilot.analyzer.findings.open";

    private AnalyzerMetrics() {
    }
}
