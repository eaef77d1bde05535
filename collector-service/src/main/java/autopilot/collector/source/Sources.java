package autopilot.collector.source;

import autopilot.events.ClusterKind;
import java.util.List;

/**
 * The sources of each cluster kind. Provisioned clusters expose STL/STV/SVL; Serverless only the
 * SYS_* views (and SVV_TABLE_INFO, PG_TABLE_DEF, SVV_ALTER_TABLE_RECOMMENDATIONS).
 */
public final class Sources {

    /** Watermark of every source keyed on query end time. */
    public static final String WORKLOAD_WATERMARK = "queries";

    /** SVV_TABLE_INFO; its rows also give the column profile its tables. */
    public static final Source TABLE_INFO = full("table_info");
    /** Read by {@link TableDefinitions}, one schema at a time; the same SQL on both kinds. */
    public static final Source TABLE_COLUMNS = full("table_columns");
    private static final Source ADVISOR = full("advisor");
    private static final Source VACUUM_HISTORY = new Source("vacuum_history", true, Source.Group.TABLE_HEALTH, "vacuum_history");
    private static final Source ANALYZE_HISTORY = new Source("analyze_history", true, Source.Group.TABLE_HEALTH, "analyze_history");

    /** Column profiles: computed by the collector (statements per table), not one SQL resource; after table_columns. */
    public static final Source COLUMN_PROFILE = full("column_profile");
    private static final Source DIST_STEPS = workload("dist_steps");
    /** STL_QUERY / SYS_QUERY_HISTORY; its texts tell the column profile which columns are joined. */
    public static final Source QUERIES = workload("queries");

    // What pages on-call people (issue 19): open transactions and their locks, running queries, loads
    // and their rejected lines on both kinds; disk, rule actions, commits and conflicts where Redshift
    // keeps them (provisioned only: Serverless has no such views).
    private static final Source INFLIGHT = live("inflight");
    private static final Source LOCKS = live("locks");
    private static final Source LOCK_STATEMENTS = live("lock_statements");
    private static final Source LOADS = recent("loads");
    /** The user's own metrics ({@link UserMetrics}): SELECTs from configuration, not a SQL resource; only where one applies. */
    public static final Source USER_METRICS = live("user_metrics");
    private static final Source LOAD_ERRORS = recent("load_errors");
    // Usage and cost (issue 20): what a Serverless workgroup is charged, and a provisioned cluster's concurrency
    // scaling (its node-hours are fixed); summed per hour and read whole each cycle, since the rows grow after they appear.
    private static final Source SERVERLESS_USAGE = recent("serverless_usage");
    private static final Source CONCURRENCY_SCALING = recent("concurrency_scaling");
    /** PG_USER_INFO: the names of the user ids in queries (issue 20: who causes the load). */
    private static final Source USERS = live("users");

    private static final List<Source> PROVISIONED = List.of(
            TABLE_INFO, full("table_slices"), TABLE_COLUMNS, COLUMN_PROFILE, ADVISOR, VACUUM_HISTORY, ANALYZE_HISTORY,
            QUERIES, workload("scans"), workload("alerts"), workload("disk_steps"), DIST_STEPS, workload("compile"),
            workload("qmr_actions"), workload("commits"), workload("conflicts"),
            live("wlm_config"), live("wlm_state"), INFLIGHT, live("qmr_config"), live("disk"), LOCKS, LOCK_STATEMENTS,
            LOADS, LOAD_ERRORS, CONCURRENCY_SCALING, USER_METRICS, USERS);

    private static final List<Source> SERVERLESS = List.of(
            TABLE_INFO, TABLE_COLUMNS, COLUMN_PROFILE, ADVISOR, VACUUM_HISTORY, ANALYZE_HISTORY,
            QUERIES, workload("scans"), workload("alerts"), DIST_STEPS, INFLIGHT, LOCKS, LOCK_STATEMENTS, LOADS, LOAD_ERRORS,
            SERVERLESS_USAGE, USER_METRICS, USERS);

    /**
     * Sources that show only the database a session is connected to (SVV_TABLE_INFO, PG_TABLE_DEF, the
     * profiled tables, SVV_ALTER_TABLE_RECOMMENDATIONS): read from each collected database in turn,
     * their rows in one source, each row naming its database. The others (STL/STV/SVL/SYS) are
     * cluster-wide and read once, from the configured database.
     */
    private static final java.util.Set<Source> PER_DATABASE = java.util.Set.of(TABLE_INFO, TABLE_COLUMNS, COLUMN_PROFILE, ADVISOR);

    private Sources() {
    }

    public static boolean perDatabase(Source source) {
        return PER_DATABASE.contains(source);
    }

    public static List<Source> of(ClusterKind kind) {
        return kind == ClusterKind.SERVERLESS ? SERVERLESS : PROVISIONED;
    }

    public static List<Source> of(ClusterKind kind, Source.Group group) {
        return of(kind).stream().filter(s -> s.group() == group).toList();
    }

    private static Source full(String name) {
        return new Source(name, false, Source.Group.TABLE_HEALTH, null);
    }

    private static Source workload(String name) {
        return new Source(name, true, Source.Group.WORKLOAD, WORKLOAD_WATERMARK);
    }

    /** Current state (WLM configuration and queues, running queries, locks, disk): small full reads on the workload schedule. */
    private static Source live(String name) {
        return new Source(name, false, Source.Group.WORKLOAD, null);
    }

    /** Everything since {@code now - recent-lookback}, each workload cycle. */
    private static Source recent(String name) {
        return new Source(name, false, Source.Group.WORKLOAD, null, true);
    }
}
