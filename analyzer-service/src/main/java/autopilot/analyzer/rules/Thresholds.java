package autopilot.analyzer.rules;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Every threshold the rules compare against, grouped by what it judges, as configuration
 * ({@code autopilot.analyzer.thresholds.<group>.<name>}, e.g. {@code skew.ratio}). Each default is declared once, here,
 * with its reason; the table in analyzer-service/README.md is checked against these by a test. Tests outside Quarkus
 * build the defaults with SmallRye Config from these same annotations.
 */
public interface Thresholds {

    /**
     * Skew and unsorted findings can only be critical (page someone) on tables at least this large (10 GB): small tables
     * don't page anyone.
     */
    @WithDefault("10240")
    long pageMinSizeMb();

    /** Scans per day from which a table counts as heavily used (100): severity of table findings. */
    @WithDefault("100")
    double heavyScansPerDay();

    /** How far back workload findings look (1 day): a full daily cycle. */
    @WithDefault("P1D")
    Duration workloadWindow();

    Skew skew();

    Unsorted unsorted();

    StatsOff statsOff();

    GhostRows ghostRows();

    Wlm wlm();

    Compile compile();

    DiskBased diskBased();

    OptimizerAlert optimizerAlert();

    TopQuery topQuery();

    Wildcard wildcard();

    Work work();

    Forecast forecast();

    Design design();

    Disk disk();

    Locks locks();

    Runaway runaway();

    Qmr qmr();

    LoadErrors loadErrors();

    Commit commit();

    Usage usage();

    /** Distribution skew of tables. */
    interface Skew {
        /** skew_rows (fullest / emptiest slice) above which a table is skewed (4): the ratio at which AWS's table inspector reports skew. */
        @WithDefault("4")
        double ratio();

        /** Tables with fewer rows are never reported as skewed (1,000,000): a few slices of a small table are noise, not a problem. */
        @WithDefault("1000000")
        long minRows();
    }

    /** Unsorted rows of tables with a sort key. */
    interface Unsorted {
        /**
         * Unsorted share above which a table needs sorting (20): the level at which AWS's admin view recommends VACUUM
         * SORT (work items then use {@code TO 80 PERCENT}, so Redshift's own check agrees). Between 0 and 100.
         */
        @WithDefault("20")
        double pct();

        /** Unsorted share that is critical when the table is also heavily scanned (50). */
        @WithDefault("50")
        double criticalPct();

        /** vacuum_sort_benefit below which sorting is not worth it (5): Redshift's own estimate; a table can be 86 % unsorted with 5 % benefit. */
        @WithDefault("5")
        double minSortBenefitPct();

        /** Size from which a far-unsorted table gets deep-copy advice instead of VACUUM (700 GB): AWS's AnalyzeVacuumUtility limit. */
        @WithDefault("716800")
        long deepCopyMinSizeMb();

        /** Unsorted share above which such a large table gets deep-copy advice (50). */
        @WithDefault("50")
        double deepCopyPct();
    }

    /** Stale statistics. */
    interface StatsOff {
        /** stats_off above which statistics are stale (10): AWS's AnalyzeVacuumUtility and the default analyze_threshold_percent. */
        @WithDefault("10")
        double pct();

        /** stats_off that is critical on a heavily used table (50). */
        @WithDefault("50")
        double criticalPct();
    }

    /** Deleted rows scans still read. */
    interface GhostRows {
        /** Ghost rows as a share of rows scanned above which a table needs VACUUM DELETE (20). Between 0 and 100. */
        @WithDefault("20")
        double pct();

        /** Fewer ghost rows per scan than this are ignored (100,000). */
        @WithDefault("100000")
        long minPerScan();
    }

    /** WLM queue waits and configuration advice (query monitoring rules, slots, SQA, concurrency scaling). */
    interface Wlm {
        /** Share of a queue's time spent waiting (worst hour) that is a problem (20). */
        @WithDefault("20")
        double queueSharePct();

        /** Share that is critical (50). */
        @WithDefault("50")
        double queueShareCriticalPct();

        /** A queue hour with fewer queued queries is not judged (10). */
        @WithDefault("10")
        long minQueued();

        /**
         * p95 over p50 execution time of a queue hour from which it mixes short and long work (10): a dashboard query of a
         * second queued behind ten-second-plus work is what short query acceleration and separate queues are for.
         */
        @WithDefault("10")
        double mixedWorkRatio();

        /**
         * A queue gets a query monitoring rule candidate only when its longest query ran at least this long (60 s): a
         * runaway shorter than a minute holds a slot too briefly to need a rule.
         */
        @WithDefault("60")
        double qmrMinExecSeconds();

        /** And it ran at least this many queries in the window (100): below that the p99 is the maximum. */
        @WithDefault("100")
        long qmrMinQueries();

        /**
         * Slot use is judged only over at least this many hours with workload (20): most of a daily cycle, so a queue
         * busy at night is not called unused from a morning's data.
         */
        @WithDefault("20")
        long slotMinHours();

        /**
         * Share of short queries (under 5 s) that waited longer than they ran from which short query acceleration is
         * advised (10): one dashboard query in ten stuck behind long work is felt.
         */
        @WithDefault("10")
        double sqaShortWaitedPct();

        /**
         * Hours of the window with queue waits over {@link #queueSharePct()} from which concurrency scaling is advised
         * for a queue that has it off (2): one hour is an incident, two a pattern.
         */
        @WithDefault("2")
        long scalingMinHours();
    }

    /** Query compilation. */
    interface Compile {
        /** Compilation over this share of execution dominates a query (50). */
        @WithDefault("50")
        double sharePct();

        /** Patterns with fewer compile-dominated queries are not reported (5). */
        @WithDefault("5")
        long minQueries();

        /**
         * Share of a pattern's queries that must be compile-dominated for a finding (10): a pattern that compiles now and
         * then is normal cache churn; one in ten means its shape keeps changing.
         */
        @WithDefault("10")
        double dominatedQueriesPct();
    }

    /** Queries that spill to disk. */
    interface DiskBased {
        /** Disk-based queries of a pattern from which it is a warning (5; fewer: info). */
        @WithDefault("5")
        long minQueries();
    }

    /** Optimizer alerts (STL_ALERT_EVENT_LOG). */
    interface OptimizerAlert {
        /** Queries raising the same optimizer alert from which it is a warning (5). */
        @WithDefault("5")
        long minQueries();
    }

    /** The costliest query patterns. */
    interface TopQuery {
        /** How many of the costliest patterns are reported (5). */
        @WithDefault("5")
        int count();

        /** A top pattern must take at least this share of all execution time (10). */
        @WithDefault("10")
        double minSharePct();

        /** A top pattern must also cost at least this much execution per day (1 h): on a quiet cluster the biggest pattern is still not worth tuning. */
        @WithDefault("1")
        double minHoursPerDay();
    }

    /** Leading-wildcard scans (LIKE '%..', SIMILAR TO) and AQUA. */
    interface Wildcard {
        /**
         * Wildcard scans of a table in the window from which it is reported (3): one or two are ad-hoc searches; a table
         * AQUA first-touched is reported whatever the count, since exactly there AQUA costs more than it saves.
         */
        @WithDefault("3")
        long minScans();

        /**
         * A first AQUA scan of a table counts as a first touch (AQUA copying the table) only when it took this many times
         * the steady-state AQUA scan (3): the AQUA investigation saw one slow slice take a steady scan from 1.7 s to 4.6 s
         * (2.7x), while a real first touch took 25x.
         */
        @WithDefault("3")
        double aquaFirstTouchFactor();

        /**
         * Rows an AQUA scan of a DISTINCT query returned from which the DISTINCT was not pushed down (10,000): a
         * pushed-down aggregate returns a few rows per AQUA processor (the investigation saw 7 per slice), an unpushed
         * one every matching row.
         */
        @WithDefault("10000")
        long aquaUnpushedMinRows();
    }

    /** Maintenance work items. */
    interface Work {
        /** No work is requested for a table Redshift's automatic VACUUM/ANALYZE handled this recently (6 h). */
        @WithDefault("PT6H")
        Duration autoMaintenanceGrace();

        /** The same work item is not requested again within this time (12 h). */
        @WithDefault("PT12H")
        Duration repeatAfter();
    }

    /** Maintenance forecasts: a linear trend of each table's unsorted share and stats_off since its last reset. */
    interface Forecast {
        /** How much history is loaded, one point per hour (7 days): enough for trends that take a week to cross, bounded so loading stays cheap. */
        @WithDefault("P7D")
        Duration lookback();

        /** Fewer points since the last reset give no forecast (6): a line through fewer hourly points is not a trend. */
        @WithDefault("6")
        int minPoints();

        /** A fit with a lower R² gives no forecast (0.7): the metric does not follow a line well enough to extrapolate. */
        @WithDefault("0.7")
        double minR2();

        /** A crossing predicted further out than this is not reported (7 days): the trend will be refitted many times before then. */
        @WithDefault("P7D")
        Duration horizon();

        /**
         * Maintenance is requested once the early end of the crossing's 95 % interval is this close (1 day): maintenance
         * windows open daily, so the next window is then the last one before the crossing.
         */
        @WithDefault("P1D")
        Duration workLead();
    }

    /** Table design advice (distribution, sort keys, encodings, column sizes). */
    interface Design {
        /**
         * A dimension up to this many rows may get DISTSTYLE ALL (3,000,000): AWS's guidance is ALL for slowly changing
         * dimensions "up to a few million rows"; every node stores a copy.
         */
        @WithDefault("3000000")
        long distAllMaxRows();

        /**
         * A dimension written (INSERT, COPY, UPDATE, DELETE) more often than this a day is not slowly changing (24, hourly
         * loads): every write to an ALL table is repeated on each node, so it gets KEY on an evenly distributed column instead.
         */
        @WithDefault("24")
        double distAllMaxWritesPerDay();

        /** A join runs at least this often a day to shape a distribution (10): a rarer join does not pay for rewriting a table. */
        @WithDefault("10")
        double minJoinsPerDay();

        /**
         * Largest predicted skew (fullest / emptiest slice, Redshift's skew_rows) a recommended key may have (2): half the
         * ratio at which skew is reported, because the prediction comes from a sample.
         */
        @WithDefault("2")
        double distKeyMaxSkew();

        /**
         * Tables with fewer rows get no sort key advice (10,000,000): below this a column is a few 1 MB blocks per slice, so
         * zone maps have little to skip (AWS: small tables do better without a sort key).
         */
        @WithDefault("10000000")
        long sortKeyMinRows();

        /** A column must be filtered at least this often a day to shape a sort key (10). */
        @WithDefault("10")
        double minFilterQueriesPerDay();

        /** A column in at least this share of the queries filtering a table is a consistent prefix for a compound key (90). */
        @WithDefault("90")
        double compoundPrefixSharePct();

        /**
         * Interleaved sort keys only from this many rows (100,000,000): AWS's star-schema guidance; below it their
         * maintenance (VACUUM REINDEX) costs more than they save.
         */
        @WithDefault("100000000")
        long interleavedMinRows();

        /**
         * A VARCHAR declared this many times wider than its longest value seen is oversized (4): intermediate results
         * (hash, sort, temp tables) are sized by the declared width.
         */
        @WithDefault("4")
        double varcharOversizeFactor();
    }

    /** Disk use per node (STV_PARTITIONS), provisioned only. */
    interface Disk {
        /**
         * Used share of the fullest node that is a warning (80): the default of the PercentageDiskSpaceUsed alarm; it leaves
         * a fifth of the disk for VACUUM's sort space, disk-based query steps and a deep copy. AWS only says never to exceed
         * the nominal capacity (r_STV_PARTITIONS); the figure is project judgement.
         */
        @WithDefault("80")
        double warnPct();

        /** Used share of the fullest node that is critical (90): within a tenth of full, one large load or spill can fill it. */
        @WithDefault("90")
        double criticalPct();

        /**
         * A forecast whose early end reaches a full disk within this is critical even under {@link #criticalPct()} (12
         * hours): on-call has the night to act; later crossings are for the daily review.
         */
        @WithDefault("PT12H")
        Duration pageHorizon();

        /**
         * Earlier snapshots fitted for the disk trend (1 day): a daily cycle of loads, loading bounded. A point per
         * snapshot, with the forecasts' minimum points and R² ({@link Forecast}).
         */
        @WithDefault("P1D")
        Duration forecastLookback();

        /**
         * How many of the tables that grew most over {@link #forecastLookback()} a disk finding names (5): enough to act
         * on, short enough for a page. From the stored table history, so only tables of snapshots with table health.
         */
        @WithDefault("5")
        int topTables();
    }

    /** Sessions waiting for table locks (SVV_TRANSACTIONS). */
    interface Locks {
        /**
         * A lock wait this long makes its blocker critical (300 s): five minutes outlast any normal hand-over of a lock (a
         * commit, an ETL step), and Redshift lets a session wait for a lock without end unless statement_timeout is set.
         */
        @WithDefault("300")
        double blockSeconds();
    }

    /** Queries running far longer than they or anything interactive should. */
    interface Runaway {
        /**
         * A running query is never a runaway before this (3,600 s): longer than any interactive query and than an hourly
         * job's interval, so a query over it overlaps its own next run.
         */
        @WithDefault("3600")
        double minSeconds();

        /**
         * Nor before this many times its pattern's p99 execution time over the window (2): a query that runs as long as its
         * pattern's p99 is one in a hundred; twice that is outside its usual spread.
         */
        @WithDefault("2")
        double p99Factor();

        /** A pattern's p99 counts only with this many finished queries in the window (20): with fewer it is the maximum of a few. */
        @WithDefault("20")
        long minPatternQueries();

        /**
         * Queries labelled with this query_group are never runaways (autopilot-maintenance, maintenance-service's
         * {@code query-group} default): Autopilot's own VACUUM and ANALYZE may run long, and it never advises cancelling them.
         */
        @WithDefault("autopilot-maintenance")
        String ignoredQueryGroup();
    }

    /** Actions of query monitoring rules (STL_WLM_RULE_ACTION), provisioned only. */
    interface Qmr {
        /**
         * Queries one rule aborted within the last hour from which its finding is critical (10): an abort rule acting now
         * and then is the rule working; ten an hour is a burst (a bad deployment or plan) worth a page. At most 100, the
         * action times the workload keeps per rule.
         */
        @WithDefault("10")
        long pageAbortsPerHour();
    }

    /** Lines COPY rejected (STL_LOAD_ERRORS; SYS_LOAD_ERROR_DETAIL). */
    interface LoadErrors {
        /** Rejected lines of a table from which it is reported (1): a rejected line is a lost row, even when MAXERROR lets the COPY succeed. */
        @WithDefault("1")
        long minErrors();

        /** How many of the most common error reasons a finding names (3). */
        @WithDefault("3")
        int topReasons();
    }

    /** The commit queue (STL_COMMIT_STATS), provisioned only. */
    interface Commit {
        /**
         * p95 wait in the commit queue (worst hour) that is a problem (10 s): commits are serialised cluster-wide, so a p95
         * of ten seconds is felt by every writer. AWS's monitoring publishes the average wait without a threshold.
         */
        @WithDefault("10")
        double queueP95Seconds();

        /** Hours with fewer commits are not judged (20): a few slow commits are not the many small commits batching cures. */
        @WithDefault("20")
        long minCommitsPerHour();
    }

    /** Usage and cost (issue 20): Serverless RPU-hours charged, provisioned concurrency-scaling hours, per UTC day. */
    interface Usage {
        /** Previous days the trend averages (7): SYS_SERVERLESS_USAGE keeps seven days, and a week holds each weekday once. */
        @WithDefault("7")
        int trendDays();

        /** Previous whole days needed before a day is compared with its trend (3): fewer days are one day's habits, not a trend. */
        @WithDefault("3")
        int minHistoryDays();

        /**
         * How far above the trend a day's usage so far is "well above" (2): twice the usual for the same hours is more than
         * a busy morning's spread, and on Serverless it doubles the bill.
         */
        @WithDefault("2")
        double aboveTrendRatio();

        /** Completed hours of the day before it is judged against its trend (3): one busy first hour is no day. */
        @WithDefault("3")
        int minTrendHours();

        /**
         * RPU-hours above the trend a Serverless day must also be (16): half an hour at a 32-RPU base; less is noise
         * whatever the ratio.
         */
        @WithDefault("16")
        double minExcessRpuHours();

        /** Concurrency-scaling minutes above the trend a provisioned day must also be (30): less is a passing peak. */
        @WithDefault("30")
        double minExcessScalingMinutes();

        /**
         * Hours of data a forecast without a trend needs before a budget finding is raised on it (2): an hour's burst
         * carried over the whole day would page for nothing. A budget already passed is reported whatever the hours.
         */
        @WithDefault("2")
        int forecastMinHours();
    }
}
