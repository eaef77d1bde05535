package autopilot.sim.model;

import java.time.Duration;
import java.util.List;

/**
 * What happens on the cluster besides the query workload: sessions and connections, locks and
 * conflicts, commits, loads and their errors, WLM rule actions, disk, usage. Every relation that
 * shows one of these is derived from this one part of the model (see README, "Activity").
 * Every list is optional; {@link #normalise} fills the defaults and checks references.
 *
 * @param sessions        client sessions, open now or ended (STV_SESSIONS, STL/SYS_CONNECTION_LOG)
 * @param authFailures    logins that were refused (connection log event {@code authentication failure})
 * @param cursors         cursors open now in open sessions (STV_ACTIVE_CURSORS)
 * @param conflicts       transactions rolled back by a serializable isolation conflict (STL_TR_CONFLICT)
 * @param commits         commits of transactions the workload does not list (STL_COMMIT_STATS)
 * @param loads           COPY commands: their statement, files, commits and errors
 * @param unloads         UNLOAD commands: their statement and the files they wrote (STL_UNLOAD_LOG)
 * @param qmrRules        WLM query monitoring rules; the workload's queries that meet one get its action
 * @param classification  which user groups and query groups go to which queue (STV_WLM_CLASSIFICATION_CONFIG)
 * @param disk            disk partitions per node and space used beyond the tables' blocks
 * @param usage           Serverless RPU capacity and concurrency-scaling periods
 * @param externalSchemas Spectrum schemas with their external tables and columns
 * @param userlog         changes to users (SYS_USERLOG)
 */
public record Activity(List<Session> sessions, List<AuthFailure> authFailures, List<Cursor> cursors, List<Conflict> conflicts,
                       List<Commit> commits, List<Load> loads, List<Unload> unloads, List<QmrRule> qmrRules,
                       List<Classification> classification, Disk disk, Usage usage, List<ExternalSchema> externalSchemas,
                       List<UserChange> userlog) {

    /** A cluster with none of this activity. */
    public static final Activity NONE = new Activity(null, null, null, null, null, null, null, null, null, null, null, null, null);

    public Activity {
        sessions = orEmpty(sessions);
        authFailures = orEmpty(authFailures);
        cursors = orEmpty(cursors);
        conflicts = orEmpty(conflicts);
        commits = orEmpty(commits);
        loads = orEmpty(loads);
        unloads = orEmpty(unloads);
        qmrRules = orEmpty(qmrRules);
        classification = orEmpty(classification);
        disk = disk == null ? new Disk(2, 0) : disk;
        usage = usage == null ? new Usage(128, List.of()) : usage;
        externalSchemas = orEmpty(externalSchemas);
        userlog = orEmpty(userlog);
    }

    /**
     * A client session. It logs {@code authenticated} and {@code initiating session} when it starts
     * and, once ended, {@code disconnecting session} with its duration; an open one is in STV_SESSIONS.
     *
     * @param user           a scenario user
     * @param database       the database it connected to (default: the default database)
     * @param ago            how long before load time it started
     * @param ended          how long before load time it ended; none: open now
     * @param pid            its process id (default: 40000 + its position); transactions and cursors name it
     * @param application    the client's application name
     * @param remoteHost     the client's address (default {@code 10.0.0.10})
     * @param driver         the client's driver version
     * @param ssl            whether the connection used TLS
     * @param timeoutSeconds idle timeout of the session (0: none)
     */
    public record Session(String user, String database, Duration ago, Duration ended, Integer pid, String application,
                          String remoteHost, String driver, boolean ssl, int timeoutSeconds) {
    }

    /** A refused login: {@code user} need not exist (someone tried a wrong name). */
    public record AuthFailure(String user, String database, Duration ago, String remoteHost, String application) {
    }

    /**
     * A cursor open now (DECLARE ... in an open transaction).
     *
     * @param user        its owner, who must have an open session
     * @param pid         the open session it lives in (default: the user's first open session)
     * @param name        the cursor's name
     * @param ago         when it was declared
     * @param rows        rows in its result set
     * @param bytes       bytes of its result set (default 100 a row)
     * @param fetchedRows rows fetched so far (at most {@code rows})
     */
    public record Cursor(String user, Integer pid, String name, Duration ago, long rows, Long bytes, long fetchedRows) {
    }

    /** A transaction rolled back by a serializable isolation violation on {@code table}; it ran for {@code ran} (default 5 s) before. */
    public record Conflict(String table, Duration ago, Duration ran, Integer pid) {
    }

    /**
     * A commit: it waited {@code queueMillis} in the commit queue behind {@code queueLength}
     * transactions, then took {@code commitMillis} (default 200), writing {@code newBlocks} 1 MB blocks.
     */
    public record Commit(Duration ago, long queueMillis, Long commitMillis, long newBlocks, Integer queueLength) {
    }

    /**
     * A COPY into a scenario table from Amazon S3. The statement is logged like a query (STL_QUERY,
     * STL_WLM_QUERY, SYS_QUERY_HISTORY, with the next free query ids); it reads {@code files} files
     * (one S3 request each, STL_S3CLIENT), and it fails when it meets more than {@code maxErrors}
     * errors: then nothing is loaded or committed and the statement is aborted.
     *
     * @param table             the target table (as in a scan: name, schema.name or database.schema.name)
     * @param user              who ran it
     * @param ago               when it started (queue start)
     * @param source            the S3 prefix, {@code s3://bucket/prefix/}
     * @param format            csv (default), text, json, avro, orc or parquet
     * @param files             number of files under the prefix (default 1)
     * @param rows              lines in the files, rejected ones included
     * @param bytes             bytes of the files (default 100 a line)
     * @param queueMillis       time in the WLM queue
     * @param millis            execution time (default 1000)
     * @param serviceClass      its WLM queue (default 6)
     * @param maxErrors         the MAXERROR option: errors tolerated before the COPY fails (default 0)
     * @param errors            lines that could not be loaded (STL_LOAD_ERRORS, SYS_LOAD_ERROR_DETAIL)
     * @param commitQueueMillis time its commit waited in the commit queue
     * @param commitMillis      time its commit took (default 200)
     * @param repeatEvery       live mode runs the COPY again this often (the first rerun one period after the
     *                          simulator started), each run ending at its moment; none: it ran once
     * @param failUntil         reruns before this moment (since the simulator started) reject the same
     *                          {@code errors}; later ones load every line (default: every rerun rejects them)
     */
    public record Load(String table, String user, Duration ago, String source, String format, Integer files, long rows, Long bytes,
                       long queueMillis, Long millis, Integer serviceClass, int maxErrors, List<LoadError> errors,
                       long commitQueueMillis, Long commitMillis, Duration repeatEvery, Duration failUntil) {

        public Load(String table, String user, Duration ago, String source, String format, Integer files, long rows, Long bytes,
                    long queueMillis, Long millis, Integer serviceClass, int maxErrors, List<LoadError> errors,
                    long commitQueueMillis, Long commitMillis) {
            this(table, user, ago, source, format, files, rows, bytes, queueMillis, millis, serviceClass, maxErrors, errors,
                    commitQueueMillis, commitMillis, null, null);
        }

        /** The same COPY run again, ending at the moment it is written for, rejecting {@code lines}. */
        public Load rerun(List<LoadError> lines) {
            Duration took = Duration.ofMillis(queueMillis + millis + commitQueueMillis + commitMillis);
            return new Load(table, user, took, source, format, files, rows, bytes, queueMillis, millis, serviceClass, maxErrors, lines,
                    commitQueueMillis, commitMillis, null, null);
        }
    }

    /**
     * A line a COPY rejected.
     *
     * @param file     which of the load's files (0 = the first)
     * @param line     its line number in that file
     * @param column   the table column whose value failed
     * @param code     Redshift's load error code (e.g. 1207 for an invalid digit)
     * @param reason   the error's explanation
     * @param value    the field's raw value
     * @param rawLine  the whole input line (default: the value)
     * @param position where in the field parsing failed
     */
    public record LoadError(int file, long line, String column, int code, String reason, String value, String rawLine, int position) {
    }

    /**
     * An UNLOAD of {@code table} to {@code path}: logged like a query that scans the table's
     * {@code rows}, and one file per slice in use (at most {@code files}) in STL_UNLOAD_LOG.
     */
    public record Unload(String table, String user, Duration ago, String path, String format, Integer files, long rows, Long bytes,
                         Long millis, Integer serviceClass) {
    }

    /**
     * A query monitoring rule of a queue: when every predicate holds for a query of that queue, the
     * rule's action is logged (STL_WLM_RULE_ACTION). Of several rules a query meets, the most
     * severe action (abort, hop, change_query_priority, log) is taken and the others log
     * {@code none}; {@code abort} also marks the query aborted.
     *
     * @param serviceClass the queue (a scenario queue)
     * @param name         the rule's name
     * @param action       log, hop, abort or change_query_priority
     * @param actionValue  the new priority for change_query_priority (highest, high, normal, low, lowest)
     * @param predicates   one to three conditions, all of which must hold
     */
    public record QmrRule(int serviceClass, String name, String action, String actionValue, List<Predicate> predicates) {
    }

    /**
     * A rule condition on one of the metrics the model has: {@code query_execution_time} and
     * {@code query_queue_time} (seconds), {@code scan_row_count} (rows scanned before filters),
     * {@code query_temp_blocks_to_disk} (MB written by disk-based steps).
     */
    public record Predicate(String metric, String operator, double value) {
    }

    /** Queries of these user groups or query groups go to queue {@code serviceClass}. */
    public record Classification(int serviceClass, List<String> userGroups, List<String> queryGroups) {
    }

    /**
     * Disk of a provisioned cluster: each node's storage (its node type's) is split into
     * {@code partitionsPerNode} partitions (default 2); used space is the tables' blocks on the
     * node's slices plus {@code extraUsedPct} of its capacity (temporary and other data).
     *
     * @param growthPctPerHour live mode adds this share of capacity an hour to the extra space (default 0)
     * @param until            the moment (since the simulator started) the growth stops; none: it goes on
     * @param freedPct         space freed at {@code until}, once (a DROP or VACUUM of what filled the disk)
     */
    public record Disk(Integer partitionsPerNode, double extraUsedPct, double growthPctPerHour, Duration until, double freedPct) {

        public Disk(Integer partitionsPerNode, double extraUsedPct) {
            this(partitionsPerNode, extraUsedPct, 0, null, 0);
        }

        /** Whether live mode changes the disk at all. */
        public boolean changes() {
            return growthPctPerHour != 0 || freedPct != 0;
        }

        /**
         * The extra share used {@code elapsed} after the simulator started: grown until {@code until},
         * then less what was freed there, within 0-100.
         */
        public double extraUsedPctAfter(Duration elapsed) {
            Duration growing = until == null || elapsed.compareTo(until) < 0 ? elapsed : until;
            double freed = until != null && elapsed.compareTo(until) >= 0 ? freedPct : 0;
            double pct = extraUsedPct + growthPctPerHour * growing.toMillis() / 3_600_000.0 - freed;
            return Math.max(0, Math.min(100, pct));
        }
    }

    /**
     * @param baseRpu            a Serverless workgroup's base capacity in RPUs (default 128)
     * @param concurrencyScaling periods in which a concurrency-scaling cluster ran queries (provisioned)
     */
    public record Usage(Integer baseRpu, List<ScalingPeriod> concurrencyScaling) {
        public Usage {
            concurrencyScaling = orEmpty(concurrencyScaling);
        }
    }

    /**
     * A concurrency-scaling period of queue {@code serviceClass} (default 6): of the queries that
     * started in it and waited in that queue, the {@code queries} that waited longest (default: all)
     * ran on the scaling cluster.
     */
    public record ScalingPeriod(Duration ago, Duration duration, Integer serviceClass, Integer queries) {
    }

    /**
     * An external schema (CREATE EXTERNAL SCHEMA) of the default database: a real schema there,
     * without tables of its own; its external tables are metadata only.
     *
     * @param name     the schema's name
     * @param database the external (Data Catalog) database
     * @param kind     1 Data Catalog (default), 2 Hive metastore, 3 federated PostgreSQL, 8 federated MySQL
     * @param iamRole  the IAM role the schema uses
     * @param owner    its owner (default: the first superuser)
     * @param grantees users given USAGE on it (default: everyone)
     * @param tables   its external tables
     */
    public record ExternalSchema(String name, String database, Integer kind, String iamRole, String owner, List<String> grantees,
                                 List<ExternalTable> tables) {
    }

    /** An external table: files of {@code format} (parquet, orc, textfile, json) at {@code location}. */
    public record ExternalTable(String name, String location, String format, List<ExternalColumn> columns,
                                List<ExternalColumn> partitions) {
    }

    /** A column of an external table, with its type as the external catalog writes it (e.g. {@code int}, {@code varchar(20)}). */
    public record ExternalColumn(String name, String type) {
    }

    /** A change to a user: create, alter, rename (from {@code originalName}) or drop. */
    public record UserChange(String user, String action, Duration ago, String originalName) {
    }

    /**
     * Fills documented defaults and checks references; problems are added with their path.
     *
     * @param users  the scenario's user names
     * @param tables the scenario's tables by reference (as in {@link Scenario.Scan#table()})
     * @param home   the default database
     * @param live   whether the scenario has live mode, which alone plays the moments of a timeline
     */
    static Activity normalise(Activity given, java.util.Set<String> users, TableLookup<Scenario.Table> tables, String home,
                              List<String> databases, boolean live, List<String> problems) {
        return given == null ? NONE : new ActivityCheck(users, tables, home, databases, live, problems).normalise(given);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
