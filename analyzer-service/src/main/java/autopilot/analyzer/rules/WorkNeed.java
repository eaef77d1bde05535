package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableState;

/**
 * Maintenance a table finding calls for, before planning merges the needs of one table into one
 * work item.
 *
 * @param sortBelowPct     run the sort phase when the table is less sorted than this (% sorted);
 *                         null when no sort is needed
 * @param reclaimBelowPct  run the delete phase when fewer rows than this are live (%); null when
 *                         no delete is needed
 * @param reindex          the table has an interleaved key whose layout decayed
 * @param analyze          statistics are stale or missing (ANALYZE after a VACUUM is added by planning anyway)
 * @param priority         expected benefit (higher first)
 */
public record WorkNeed(TableState table, Integer sortBelowPct, Integer reclaimBelowPct, boolean reindex, boolean analyze,
                       double priority, String reason) {
}
