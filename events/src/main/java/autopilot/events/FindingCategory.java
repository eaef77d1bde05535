package autopilot.events;

/**
 * What kind of problem a finding describes; part of its fingerprint. The schemas list these as an
 * enum and decoding is strict, so a consumer that does not know a value rejects the finding:
 * consumers are deployed before the analyzer when values are added.
 */
public enum FindingCategory {
    DISTRIBUTION_SKEW,
    UNSORTED_REGION,
    STALE_STATISTICS,
    MISSING_STATISTICS,
    GHOST_ROWS,
    WLM_QUEUE_WAIT,
    COMPILE_TIME,
    DISK_BASED_QUERY,
    OPTIMIZER_ALERT,
    TOP_QUERY,
    WILDCARD_SCAN,
    COLLECTION_GAP,
    DISTRIBUTION_DESIGN,
    SORT_KEY_DESIGN,
    COMPRESSION_DESIGN,
    WLM_CONFIGURATION,
    MAINTENANCE_FORECAST,
    DISK_SPACE,
    BLOCKING_SESSION,
    RUNAWAY_QUERY,
    QMR_ACTION,
    LOAD_ERRORS,
    /** A day's usage (Serverless RPU-hours, provisioned concurrency scaling) runs well above the same hours of its trend. */
    USAGE_ABOVE_TREND,
    /** A day's usage will reach, or has reached, the configured daily budget (RPU-hours or money). */
    USAGE_BUDGET,
    COMMIT_QUEUE
}
