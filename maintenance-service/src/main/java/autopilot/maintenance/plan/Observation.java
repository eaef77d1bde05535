package autopilot.maintenance.plan;

import java.time.Instant;

/**
 * What the re-check read on the cluster just before running an item.
 *
 * @param table              the table, or null when the catalog has no such table
 * @param vacuumRunning      a VACUUM is in progress on the cluster (started, not finished)
 * @param lastAutoVacuum     Redshift's last automatic VACUUM of the table, if any
 * @param lastAutoAnalyze    Redshift's last automatic ANALYZE of the table, if any
 * @param longTransactions   transactions open longer than the configured limit
 * @param queuedQueries      queries waiting in WLM queues
 * @param vacuumMbPerSecond  VACUUM speed observed on this cluster, or null without history
 * @param modifiedPct        share of the table's rows inserted or deleted since its last ANALYZE
 *                           (PG_STATISTIC_INDICATOR), what Redshift weighs against analyze_threshold_percent;
 *                           null when the cluster does not say
 */
public record Observation(TableState table, boolean vacuumRunning, Instant lastAutoVacuum, Instant lastAutoAnalyze,
                          int longTransactions, int queuedQueries, Double vacuumMbPerSecond, Double modifiedPct) {

    /** An observation without the modified share. */
    public Observation(TableState table, boolean vacuumRunning, Instant lastAutoVacuum, Instant lastAutoAnalyze,
                       int longTransactions, int queuedQueries, Double vacuumMbPerSecond) {
        this(table, vacuumRunning, lastAutoVacuum, lastAutoAnalyze, longTransactions, queuedQueries, vacuumMbPerSecond, null);
    }
}
