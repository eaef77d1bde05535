package autopilot.events;

/** What kind of problem a finding describes; part of its fingerprint. */
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
    MAINTENANCE_FORECAST
}
