package autopilot.sim.model;

import java.time.Duration;
import java.util.List;

/**
 * A simulated cluster as a scenario file describes it (YAML or JSON; see
 * {@code scenarios/README.md}). Everything the system tables show is derived from this one model.
 *
 * @param name        short name, e.g. {@code star-schema}
 * @param description what the scenario demonstrates
 * @param cluster     node type, size, provisioned or Serverless, system-log retention
 * @param database    the default database: clients connect to it unless they name another, and tables,
 *                    queries and patterns that name no database belong to it
 * @param databases   every database of the cluster (the default one first); one database when not given
 * @param users       users and passwords, and whether they may read system tables
 * @param tables      user tables with their physical state
 * @param queues      WLM queues (service classes)
 * @param queries     the workload, listed explicitly
 * @param generator   more workload, generated from weighted query patterns with a seed
 * @param inflight    queries running or queued right now (STV_INFLIGHT, STV_WLM_QUERY_STATE, STV_RECENTS)
 * @param transactions open transactions (SVV_TRANSACTIONS)
 * @param advisor     Redshift's own table recommendations (SVV_ALTER_TABLE_RECOMMENDATIONS)
 * @param history     past VACUUM and ANALYZE runs (STL_VACUUM, STL_ANALYZE and the SYS_* history views)
 * @param live        if set, the cluster keeps changing while it runs (new queries, table drift)
 * @param sampleRows  rows each user table really holds, generated from its columns' value models
 *                    (0, the default: empty tables, so scenarios of thousands of tables stay fast); the
 *                    model's {@code rows} still drive every system table
 * @param activity    sessions, connections, locks, commits, loads, rule actions, disk and usage ({@link Activity})
 */
public record Scenario(String name, String description, Cluster cluster, String database, List<String> databases,
                       List<User> users, List<Table> tables, List<Queue> queues, List<Query> queries, Generator generator,
                       List<Inflight> inflight, List<Transaction> transactions, List<Advice> advisor,
                       List<Maintenance> history, Live live, long sampleRows, Activity activity) {

    public Scenario {
        activity = activity == null ? Activity.NONE : activity;
    }

    /** A scenario without activity beyond its workload. */
    public Scenario(String name, String description, Cluster cluster, String database, List<String> databases,
                    List<User> users, List<Table> tables, List<Queue> queues, List<Query> queries, Generator generator,
                    List<Inflight> inflight, List<Transaction> transactions, List<Advice> advisor,
                    List<Maintenance> history, Live live, long sampleRows) {
        this(name, description, cluster, database, databases, users, tables, queues, queries, generator, inflight, transactions,
                advisor, history, live, sampleRows, Activity.NONE);
    }

    /** A scenario whose tables hold no rows. */
    public Scenario(String name, String description, Cluster cluster, String database, List<String> databases,
                    List<User> users, List<Table> tables, List<Queue> queues, List<Query> queries, Generator generator,
                    List<Inflight> inflight, List<Transaction> transactions, List<Advice> advisor,
                    List<Maintenance> history, Live live) {
        this(name, description, cluster, database, databases, users, tables, queues, queries, generator, inflight, transactions,
                advisor, history, live, 0);
    }

    /** A scenario with one database. */
    public Scenario(String name, String description, Cluster cluster, String database, List<User> users,
                    List<Table> tables, List<Queue> queues, List<Query> queries, Generator generator,
                    List<Inflight> inflight, List<Transaction> transactions, List<Advice> advisor,
                    List<Maintenance> history, Live live) {
        this(name, description, cluster, database, database == null ? null : List.of(database), users, tables, queues, queries,
                generator, inflight, transactions, advisor, history, live);
    }

    /** A scenario with only the parts most tests need. */
    public Scenario(String name, String description, Cluster cluster, String database, List<User> users,
                    List<Table> tables, List<Queue> queues, List<Query> queries) {
        this(name, description, cluster, database, users, tables, queues, queries, null, List.of(), List.of(),
                List.of(), List.of(), null);
    }

    /**
     * The database a table, query, pattern or in-flight query belongs to: the one it names, or the
     * default database when it names none ({@code null} after loading means the default database).
     */
    public String databaseOf(String named) {
        return named == null ? database : named;
    }

    /**
     * The same scenario with its generator reseeded: other generated tables (sizes, distribution,
     * sort keys, health) and another generated workload from the same patterns. The generated tables
     * are the last {@code generator.tables()} of {@link #tables} (where ScenarioLoader puts them), so
     * they are replaced; the listed ones stay. A scenario without a generator is returned as it is.
     */
    public Scenario withGeneratorSeed(long seed) {
        if (generator == null || generator.seed() == seed) {
            return this;
        }
        Generator reseeded = new Generator(seed, generator.tables(), generator.queries(), generator.window(), generator.patterns());
        int listed = tables.size() - Math.max(0, generator.tables());
        List<Table> newTables = new java.util.ArrayList<>(tables.subList(0, listed));
        newTables.addAll(WorkloadGenerator.tables(reseeded));
        return new Scenario(name, description, cluster, database, databases, users, List.copyOf(newTables), queues, queries, reseeded,
                inflight, transactions, advisor, history, live, sampleRows, activity);
    }

    /** The user a monitoring client connects as: the first with access to every system relation, else the first user. */
    public User systemUser() {
        return users.stream().filter(User::systemAccess).findFirst().orElse(users.get(0));
    }

    /** The same scenario with a different live setting. */
    public Scenario withLive(Live newLive) {
        return new Scenario(name, description, cluster, database, databases, users, tables, queues, queries, generator, inflight,
                transactions, advisor, history, newLive, sampleRows, activity);
    }

    /**
     * The same scenario played faster or slower: every moment of its timeline ({@code endsAfter} of
     * in-flight queries and transactions, the disk's {@code until}, the loads' {@code repeatEvery} and
     * {@code failUntil}) multiplied by {@code factor}, and the disk's growth rate divided by it (so the
     * disk reaches the same level at the scaled {@code until}): a test plays a night's incident in
     * seconds. Ages ({@code ago}) and the live tick stay as they are.
     */
    public Scenario withTimeScale(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("a time scale is a positive factor, found " + factor);
        }
        List<Inflight> scaledInflight = inflight.stream().map(f -> new Inflight(f.text(), f.user(), f.serviceClass(), f.state(), f.ago(),
                f.database(), f.label(), f.pid(), TimeScale.scale(f.endsAfter(), factor), f.endStatus())).toList();
        List<Transaction> scaledTransactions = transactions.stream().map(t -> new Transaction(t.user(), t.table(), t.lockMode(), t.ago(),
                t.pid(), t.granted(), t.statement(), TimeScale.scale(t.endsAfter(), factor))).toList();
        return new Scenario(name, description, cluster, database, databases, users, tables, queues, queries, generator, scaledInflight,
                scaledTransactions, advisor, history, live, sampleRows, TimeScale.scale(activity, factor));
    }

    /**
     * Live mode: every {@code tick} the cluster logs new queries (drawn from the generator's
     * patterns at {@code queriesPerMinute}), loads into some tables (their appended rows unsorted,
     * statistics staler), deletes from others (ghost rows), and now and then runs an automatic
     * VACUUM DELETE ({@code [VacuumBG]}) or ANALYZE, as Redshift does in the background.
     *
     * @param tick                how often the cluster changes
     * @param queriesPerMinute    new queries logged per minute
     * @param tablesPerTick       how many tables a tick loads into and deletes from
     * @param loadPercent         rows added to a loaded table, as a share of its rows
     * @param deletePercent       rows deleted from a table, as a share of its rows
     * @param autoVacuumChance    chance per tick of an automatic VACUUM DELETE on the table with most ghost rows
     * @param autoAnalyzeChance   chance per tick of an automatic ANALYZE on the stalest table
     */
    public record Live(Duration tick, double queriesPerMinute, int tablesPerTick, double loadPercent, double deletePercent,
                       double autoVacuumChance, double autoAnalyzeChance) {
    }

    /**
     * Seeded generator: {@code tables} synthetic tables in schema {@code gen} (varied size,
     * distribution, sort keys and health) and {@code queries} queries spread over {@code window}
     * before load time, each drawn from the patterns by weight; times vary log-normally around each
     * pattern's medians. A scan of table {@code "*"} picks one of the generated tables.
     */
    public record Generator(long seed, int tables, int queries, Duration window, List<Pattern> patterns) {
    }

    /**
     * A query shape for the generator; {@code {n}} in the text is replaced by a varying number.
     * {@code database} is the database its queries run in (default: the scenario's default database);
     * {@code label}, {@code writes}, {@code childQueries} and {@code plan} are copied to each query
     * as {@link Query} describes them.
     */
    public record Pattern(String text, String user, double weight, int serviceClass, long execMillis, long queueMillis,
                          double compileShare, long compileMillis, List<Scan> scans, List<Alert> alerts, List<Step> steps,
                          String database, String label, List<Write> writes, int childQueries, List<String> plan) {

        public Pattern {
            writes = writes == null ? List.of() : writes;
            plan = plan == null ? List.of() : plan;
        }

        public Pattern(String text, String user, double weight, int serviceClass, long execMillis, long queueMillis,
                       double compileShare, long compileMillis, List<Scan> scans, List<Alert> alerts, List<Step> steps,
                       String database) {
            this(text, user, weight, serviceClass, execMillis, queueMillis, compileShare, compileMillis, scans, alerts, steps,
                    database, null, List.of(), 0, List.of());
        }

        public Pattern(String text, String user, double weight, int serviceClass, long execMillis, long queueMillis,
                       double compileShare, long compileMillis, List<Scan> scans, List<Alert> alerts, List<Step> steps) {
            this(text, user, weight, serviceClass, execMillis, queueMillis, compileShare, compileMillis, scans, alerts, steps, null);
        }
    }

    /**
     * A query running or queued now. {@code state} is Running or Queued (STV_WLM_QUERY_STATE);
     * {@code database} is the database its session is connected to (default: the default database);
     * {@code label} the session's query_group (none when not given).
     *
     * @param pid       its session's process id (default: 20000 + its query id mod 1000); a session runs
     *                  one query at a time, so no two entries share one
     * @param endsAfter live mode finishes it this long after the simulator started (none: it never ends)
     * @param endStatus how it ends: {@code success} (default) or {@code canceled} (SYS_QUERY_HISTORY's status)
     */
    public record Inflight(String text, String user, int serviceClass, String state, Duration ago, String database, String label,
                           Integer pid, Duration endsAfter, String endStatus) {

        public Inflight(String text, String user, int serviceClass, String state, Duration ago, String database, String label) {
            this(text, user, serviceClass, state, ago, database, label, null, null, null);
        }

        public Inflight(String text, String user, int serviceClass, String state, Duration ago, String database) {
            this(text, user, serviceClass, state, ago, database, null);
        }

        public Inflight(String text, String user, int serviceClass, String state, Duration ago) {
            this(text, user, serviceClass, state, ago, null);
        }

        /** Whether it is running (else queued). */
        public boolean running() {
            return "Running".equalsIgnoreCase(state);
        }

        /** Whether live mode cancels it when it ends (else it succeeds). */
        public boolean endsCanceled() {
            return "canceled".equalsIgnoreCase(endStatus);
        }
    }

    /**
     * An open transaction and a lock it holds, or waits for, on {@code table} (a table reference as
     * in {@link Scan}; none: the transaction holds no table lock). Entries of the same {@code pid}
     * are one transaction holding several locks (its start: the earliest {@code ago}); a pid may be
     * that of an {@code activity.sessions} entry. Each transaction also holds the ExclusiveLock on
     * its own transaction id, as on Redshift. SVV_TRANSACTIONS and STV_LOCKS show them.
     *
     * @param lockMode  AccessShareLock (default), ShareRowExclusiveLock or AccessExclusiveLock
     * @param pid       the session's process id (default: 30000 + the entry's position)
     * @param granted   false: the transaction waits for the lock (default true: it holds it)
     * @param statement the statement the transaction ran last (logged in its pid and transaction, finished
     *                  a second after the transaction started), so a blocker can be told by what it did;
     *                  entries of one pid give it once or alike
     * @param endsAfter live mode ends the transaction this long after the simulator started, and grants
     *                  the locks it held to their waiters; a waiter given none ends a tick after the
     *                  last of its blockers (none ends: it waits on); entries of one pid give it once or alike
     */
    public record Transaction(String user, String table, String lockMode, Duration ago, Integer pid, Boolean granted,
                              String statement, Duration endsAfter) {

        public Transaction {
            granted = granted == null || granted;
        }

        public Transaction(String user, String table, String lockMode, Duration ago, Integer pid, Boolean granted) {
            this(user, table, lockMode, ago, pid, granted, null, null);
        }

        public Transaction(String user, String table, String lockMode, Duration ago) {
            this(user, table, lockMode, ago, null, null);
        }
    }

    /** One of Redshift's own recommendations. */
    public record Advice(String type, String table, String ddl, int groupId, boolean autoEligible) {
    }

    /** A past VACUUM ({@code kind: vacuum}) or ANALYZE ({@code kind: analyze}) run. */
    public record Maintenance(String table, String kind, String variant, boolean automatic, Duration ago, long millis) {
    }

    /**
     * Cluster shape. {@code retention} defaults to 5 days, the upper end of what Redshift keeps in STL.
     * {@code systemQueries} (default true; provisioned clusters only) logs the statements Redshift runs
     * itself as user rdsdb, a few an hour over the workload's window, as every real cluster's logs show.
     *
     * @param stlRefusal on Serverless, how a query of an STL, STV, SVL or SVCS relation fails: AWS says
     *                   they cannot be queried there but not with which error, so the scenario chooses:
     *                   {@code PERMISSION_DENIED} (default: 42501, what reports from workgroups show) or
     *                   {@code NOT_FOUND} (42P01, relation does not exist)
     */
    public record Cluster(String nodeType, int nodes, int slicesPerNode, boolean serverless, Duration retention, String stlRefusal,
                          Boolean systemQueries) {

        public Cluster(String nodeType, int nodes, int slicesPerNode, boolean serverless, Duration retention) {
            this(nodeType, nodes, slicesPerNode, serverless, retention, null, null);
        }

        public int slices() {
            return nodes * slicesPerNode;
        }

        /** Whether Serverless refuses STL/STV/SVL/SVCS with permission denied (else: relation does not exist). */
        public boolean refusesSystemLogsWithPermissionDenied() {
            return !"NOT_FOUND".equalsIgnoreCase(stlRefusal);
        }

        /** Whether the logs hold rdsdb's own statements: on unless turned off, never on Serverless. */
        public boolean logsSystemQueries() {
            return !serverless && !Boolean.FALSE.equals(systemQueries);
        }
    }

    /**
     * A database user. What it may read of the system tables follows Redshift's visibility rules
     * (https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html): a superuser reads
     * everything; anyone else reads the user-visible relations, its own rows only unless it has
     * {@code SYSLOG ACCESS UNRESTRICTED} ({@code syslogAccess: UNRESTRICTED}), and a superuser-visible
     * relation only once granted SELECT on it ({@code grants}).
     *
     * @param systemAccess shorthand for what a monitoring user is usually given: SYSLOG ACCESS
     *                     UNRESTRICTED and SELECT on every superuser-visible system relation
     * @param syslogAccess {@code RESTRICTED} (default) or {@code UNRESTRICTED}
     * @param grants       system relations (e.g. {@code svv_table_info}) granted SELECT to this user
     */
    public record User(String name, String password, boolean superuser, boolean systemAccess, String syslogAccess,
                       List<String> grants) {

        public User {
            grants = grants == null ? List.of() : List.copyOf(grants);
        }

        public User(String name, String password, boolean superuser, boolean systemAccess) {
            this(name, password, superuser, systemAccess, null, List.of());
        }

        /** Reads other users' rows of user-visible system relations. */
        public boolean unrestricted() {
            return systemAccess || "UNRESTRICTED".equalsIgnoreCase(syslogAccess);
        }
    }

    /**
     * A user table and its physical state, in {@code database} (default: the scenario's default database).
     *
     * @param modifiedPct rows inserted, updated or deleted since the last ANALYZE, as a share of the
     *                    table (default: {@code statsOffPct}); ANALYZE compares it with
     *                    analyze_threshold_percent and PG_STATISTIC_INDICATOR shows it
     * @param owner       the scenario user owning the table (default: none of them; Redshift's own
     *                    superuser): only the owner or a superuser can VACUUM or ANALYZE it effectively
     */
    public record Table(String schema, String name, List<Column> columns, String diststyle, String distkey,
                        KeyDistribution distkeyValues, SortKey sortkey, long rows, double unsortedPct,
                        double statsOffPct, long deletedRows, Duration age, Double vacuumSortBenefit, String database,
                        Double modifiedPct, String owner) {

        /** A table owned by Redshift's superuser whose changed rows match its stats_off. */
        public Table(String schema, String name, List<Column> columns, String diststyle, String distkey,
                     KeyDistribution distkeyValues, SortKey sortkey, long rows, double unsortedPct,
                     double statsOffPct, long deletedRows, Duration age, Double vacuumSortBenefit, String database) {
            this(schema, name, columns, diststyle, distkey, distkeyValues, sortkey, rows, unsortedPct, statsOffPct, deletedRows,
                    age, vacuumSortBenefit, database, null, null);
        }

        /** Changed rows since the last ANALYZE, as a share of the table. */
        public double changedPct() {
            return modifiedPct == null ? statsOffPct : modifiedPct;
        }

        /** A table of the default database. */
        public Table(String schema, String name, List<Column> columns, String diststyle, String distkey,
                     KeyDistribution distkeyValues, SortKey sortkey, long rows, double unsortedPct,
                     double statsOffPct, long deletedRows, Duration age, Double vacuumSortBenefit) {
            this(schema, name, columns, diststyle, distkey, distkeyValues, sortkey, rows, unsortedPct, statsOffPct, deletedRows,
                    age, vacuumSortBenefit, null);
        }
    }

    /**
     * A column: Redshift type, compression encoding, nullability, and how its values spread
     * ({@code values}; optional: a distribution key without it follows the table's {@code distkeyValues}).
     */
    public record Column(String name, String type, String encoding, boolean notNull, Values values) {

        public Column(String name, String type, String encoding, boolean notNull) {
            this(name, type, encoding, notNull, null);
        }
    }

    /**
     * How a column's values spread, for the rows a table really holds ({@code sampleRows}). Every
     * field is optional.
     *
     * @param nullFraction  share of rows that are NULL (0 when not given; must be 0 on a NOT NULL column)
     * @param cardinality   distinct non-NULL values in the whole table (default: every row its own value);
     *                      a sample smaller than this shows as many distinct values as it has rows
     * @param topValueShare share of all rows holding the most common value (default 0: values spread evenly)
     * @param maxLength     CHAR/VARCHAR: the longest value in characters (ASCII, so also bytes); default
     *                      the declared length up to 32
     */
    public record Values(Double nullFraction, Long cardinality, Double topValueShare, Integer maxLength) {
    }

    /** How the distribution key's values spread: decides rows per slice. */
    public record KeyDistribution(double nullFraction, long cardinality, double topValueShare) {
    }

    /**
     * COMPOUND or INTERLEAVED sort key, or AUTO: Redshift chooses one, and until it has, a table with
     * {@code SORTKEY AUTO} has none ({@code columns} empty: SVV_TABLE_INFO.sortkey1 {@code AUTO(SORTKEY)});
     * with {@code columns}, the key Redshift chose ({@code AUTO(SORTKEY(col))}).
     */
    public record SortKey(String type, List<String> columns) {

        public SortKey {
            columns = columns == null ? List.of() : columns;
        }

        public boolean auto() {
            return "AUTO".equalsIgnoreCase(type);
        }
    }

    /** A WLM queue. */
    public record Queue(int serviceClass, String name, int slots, int workingMemMb) {
    }

    /**
     * One query of the workload; {@code ago} is how long before the scenario was loaded it started,
     * {@code database} the database the user was connected to (default: the default database).
     *
     * @param label        the session's query_group when it ran (SET query_group); none when not given
     * @param writes       rows the statement wrote (INSERT, COPY: inserted; DELETE: deleted; UPDATE: both)
     * @param childQueries how many child queries Redshift rewrote it into (SYS_QUERY_DETAIL); 1 when not given
     */
    public record Query(String text, String user, Duration ago, int serviceClass, long queueMillis, long execMillis,
                        long compileMillis, boolean aborted, List<Scan> scans, List<Alert> alerts, List<Step> steps,
                        List<String> plan, String database, String label, List<Write> writes, int childQueries) {

        public Query {
            writes = writes == null ? List.of() : writes;
        }

        public Query(String text, String user, Duration ago, int serviceClass, long queueMillis, long execMillis,
                     long compileMillis, boolean aborted, List<Scan> scans, List<Alert> alerts, List<Step> steps,
                     List<String> plan, String database) {
            this(text, user, ago, serviceClass, queueMillis, execMillis, compileMillis, aborted, scans, alerts, steps, plan, database,
                    null, List.of(), 1);
        }

        public Query(String text, String user, Duration ago, int serviceClass, long queueMillis, long execMillis,
                     long compileMillis, boolean aborted, List<Scan> scans, List<Alert> alerts, List<Step> steps,
                     List<String> plan) {
            this(text, user, ago, serviceClass, queueMillis, execMillis, compileMillis, aborted, scans, alerts, steps, plan, null);
        }

        public Query(String text, String user, Duration ago, int serviceClass, long queueMillis, long execMillis,
                     long compileMillis, boolean aborted, List<Scan> scans, List<Alert> alerts, List<Step> steps) {
            this(text, user, ago, serviceClass, queueMillis, execMillis, compileMillis, aborted, scans, alerts, steps, List.of());
        }
    }

    /**
     * Rows a statement wrote into {@code table} (a reference as in {@link Scan}), split evenly over
     * the slices; {@code millis} is how long the write step took (default: the query's execution time).
     */
    public record Write(String table, long rows, long millis) {
    }

    /**
     * A scan of a table by a query: rows before/after ghost-row removal and user filters.
     * {@code table} is {@code name}, {@code schema.name} or {@code database.schema.name}; the shorter
     * forms name a table of the query's database. Without {@code slices} the figures are split
     * evenly over the cluster's slices (each slice scanning for {@code millis}); with them, entry
     * {@code i} is slice {@code i}, one entry per slice, and the scan's figures are their totals
     * ({@code millis}: the slowest slice).
     */
    public record Scan(String table, int type, long rows, long rowsPreFilter, long rowsPreUserFilter,
                       long millis, boolean rangeRestricted, List<SliceScan> slices) {

        public Scan {
            slices = slices == null ? List.of() : slices;
        }

        public Scan(String table, int type, long rows, long rowsPreFilter, long rowsPreUserFilter, long millis,
                    boolean rangeRestricted) {
            this(table, type, rows, rowsPreFilter, rowsPreUserFilter, millis, rangeRestricted, List.of());
        }
    }

    /**
     * What one slice of a scan did. {@code rowsPreFilter} and {@code rowsPreUserFilter} default to
     * {@code rows}, {@code bytes} to 64 per row, {@code millis} to the scan's {@code millis}.
     */
    public record SliceScan(long rows, long rowsPreFilter, long rowsPreUserFilter, long bytes, long millis) {
    }

    /** An optimizer alert on a query (STL_ALERT_EVENT_LOG). */
    public record Alert(String event, String solution) {
    }

    /**
     * A query step (SVL_QUERY_SUMMARY); {@code diskBased} marks a spill. The label's first word names
     * the step kind ({@code dist}, {@code bcast}, {@code hash}, {@code hjoin}, {@code sort}, {@code aggr},
     * {@code return}, ...); {@code workmem} is the working memory each slice had for it, in bytes
     * (default: the queue's working memory shared by its slots and the slices of a node).
     */
    public record Step(String label, long rows, long bytes, long millis, boolean diskBased, long workmem) {

        public Step(String label, long rows, long bytes, long millis, boolean diskBased) {
            this(label, rows, bytes, millis, diskBased, 0);
        }
    }
}
