package autopilot.analyzer.rules;

import java.time.Duration;

/**
 * Every threshold the rules compare against. {@link #defaults()} is the one place defaults live;
 * configuration ({@code autopilot.analyzer.thresholds.*}) overrides single values. The reason for
 * each default is on its component.
 *
 * @param skewRatio               skew_rows (fullest / emptiest slice) above which a table is skewed: 4, the
 *                                ratio at which AWS's table inspector reports skew
 * @param skewMinRows             tables with fewer rows are never reported as skewed (1,000,000): a few
 *                                slices of a small table are noise, not a problem
 * @param pageMinSizeMb           skew and unsorted findings can only be critical (page someone) on tables at
 *                                least this large (10 GB): small tables don't page anyone
 * @param unsortedPct             unsorted share above which a table with a sort key needs sorting: 20, the
 *                                level at which AWS's admin view recommends VACUUM SORT (work items then use
 *                                {@code TO 80 PERCENT}, so Redshift's own check agrees)
 * @param unsortedCriticalPct     unsorted share that is critical when the table is also heavily scanned: 50
 * @param minSortBenefitPct       vacuum_sort_benefit below which sorting is not worth it (5): Redshift's own
 *                                estimate; a table can be 86 % unsorted with 5 % benefit
 * @param deepCopyMinSizeMb       size from which a far-unsorted table gets deep-copy advice instead of VACUUM:
 *                                700 GB, AWS's AnalyzeVacuumUtility limit
 * @param deepCopyUnsortedPct     unsorted share above which such a large table gets deep-copy advice: 50
 * @param statsOffPct             stats_off above which statistics are stale: 10, AWS's AnalyzeVacuumUtility and
 *                                the default analyze_threshold_percent
 * @param statsOffCriticalPct     stats_off that is critical on a heavily used table: 50
 * @param ghostRowsPct            ghost rows as a share of rows scanned above which a table needs VACUUM DELETE: 20
 * @param ghostMinRowsPerScan     fewer ghost rows per scan than this are ignored (100,000)
 * @param heavyScansPerDay        scans per day from which a table counts as heavily used: 100
 * @param wlmQueueSharePct        share of a queue's time spent waiting (worst hour) that is a problem: 20
 * @param wlmQueueShareCriticalPct share that is critical: 50
 * @param wlmMinQueued            a queue hour with fewer queued queries is not judged (10)
 * @param compileSharePct         compilation over this share of execution dominates a query: 50
 * @param compileMinQueries       patterns with fewer compile-dominated queries are not reported (5)
 * @param diskBasedMinQueries     disk-based queries of a pattern from which it is a warning (5; fewer: info)
 * @param alertMinQueries         queries raising the same optimizer alert from which it is a warning (5)
 * @param topQueryCount           how many of the costliest patterns are reported (5)
 * @param topQueryMinSharePct     a top pattern must take at least this share of all execution time (10)
 * @param workloadWindow          how far back workload findings look: 1 day, a full daily cycle
 * @param autoMaintenanceGrace    no work is requested for a table Redshift's automatic VACUUM/ANALYZE handled
 *                                this recently (6 h)
 * @param workRepeatAfter         the same work item is not requested again within this time (12 h)
 * @param wlmMixedWorkRatio       p95 over p50 execution time of a queue hour from which it mixes short and long
 *                                work (10): a dashboard query of a second queued behind ten-second-plus work is
 *                                what short query acceleration and separate queues are for
 * @param wildcardMinScans        wildcard (LIKE '%..', SIMILAR TO) scans of a table in the window from which it
 *                                is reported (3): one or two are ad-hoc searches; a table AQUA first-touched is
 *                                reported whatever the count, since exactly there AQUA costs more than it saves
 * @param aquaFirstTouchFactor    a first AQUA scan of a table counts as a first touch (AQUA copying the table)
 *                                only when it took this many times the steady-state AQUA scan (3): the AQUA
 *                                investigation saw one slow slice take a steady scan from 1.7 s to 4.6 s (2.7x),
 *                                while a real first touch took 25x
 * @param aquaUnpushedMinRows     rows an AQUA scan of a DISTINCT query returned from which the DISTINCT was not
 *                                pushed down (10,000): a pushed-down aggregate returns a few rows per AQUA
 *                                processor (the investigation saw 7 per slice), an unpushed one every matching row
 * @param compileDominatedQueriesPct share of a pattern's queries that must be compile-dominated for a finding (10):
 *                                a pattern that compiles now and then is normal cache churn; one in ten means its
 *                                shape keeps changing
 * @param topQueryMinHoursPerDay a top pattern must also cost at least this much execution per day (1 h): on a quiet
 *                                cluster the biggest pattern is still not worth tuning
 * @param wlm                     WLM configuration advice (query monitoring rules, slots, SQA, concurrency scaling)
 * @param forecast                maintenance forecasts from each table's history
 * @param design                  table design advice (see {@link DesignThresholds})
 */
public record Thresholds(
        double skewRatio, long skewMinRows, long pageMinSizeMb,
        double unsortedPct, double unsortedCriticalPct, double minSortBenefitPct,
        long deepCopyMinSizeMb, double deepCopyUnsortedPct,
        double statsOffPct, double statsOffCriticalPct,
        double ghostRowsPct, long ghostMinRowsPerScan, double heavyScansPerDay,
        double wlmQueueSharePct, double wlmQueueShareCriticalPct, long wlmMinQueued,
        double compileSharePct, long compileMinQueries, long diskBasedMinQueries, long alertMinQueries,
        int topQueryCount, double topQueryMinSharePct,
        Duration workloadWindow, Duration autoMaintenanceGrace, Duration workRepeatAfter,
        double wlmMixedWorkRatio, long wildcardMinScans, double aquaFirstTouchFactor, long aquaUnpushedMinRows,
        double compileDominatedQueriesPct, double topQueryMinHoursPerDay, Wlm wlm, Forecast forecast, DesignThresholds design) {

    /**
     * WLM configuration advice.
     *
     * @param qmrMinExecSeconds     a queue gets a query monitoring rule candidate only when its longest query ran at least
     *                              this long (60 s): a runaway shorter than a minute holds a slot too briefly to need a rule
     * @param qmrMinQueries         and it ran at least this many queries in the window (100): below that the p99 is the maximum
     * @param slotMinHours          slot use is judged only over at least this many hours with workload (20): most of a daily
     *                              cycle, so a queue busy at night is not called unused from a morning's data
     * @param sqaShortWaitedPct     share of short queries (under 5 s) that waited longer than they ran from which short query
     *                              acceleration is advised (10): one dashboard query in ten stuck behind long work is felt
     * @param scalingMinHours       hours of the window with queue waits over {@code wlmQueueSharePct} from which concurrency
     *                              scaling is advised for a queue that has it off (2): one hour is an incident, two a pattern
     */
    public record Wlm(double qmrMinExecSeconds, long qmrMinQueries, long slotMinHours, double sqaShortWaitedPct,
                      long scalingMinHours) {
        public static Wlm defaults() {
            return new Wlm(60, 100, 20, 10, 2);
        }
    }

    /**
     * Maintenance forecasts: a linear trend of each table's unsorted share and stats_off since its last reset.
     *
     * @param lookback   how much history is loaded, one point per hour (7 days): enough for trends that take a week to
     *                   cross, bounded so loading stays cheap
     * @param minPoints  fewer points since the last reset give no forecast (6): a line through fewer hourly points is
     *                   not a trend
     * @param minR2      a fit with a lower R² gives no forecast (0.7): the metric does not follow a line well enough to
     *                   extrapolate
     * @param horizon    a crossing predicted further out than this is not reported (7 days): the trend will be refitted
     *                   many times before then
     * @param workLead   maintenance is requested once the early end of the crossing's 95 % interval is this close (1 day):
     *                   maintenance windows open daily, so the next window is then the last one before the crossing
     */
    public record Forecast(Duration lookback, int minPoints, double minR2, Duration horizon, Duration workLead) {
        public static Forecast defaults() {
            return new Forecast(Duration.ofDays(7), 6, 0.7, Duration.ofDays(7), Duration.ofDays(1));
        }
    }

    public static Thresholds defaults() {
        return new Thresholds(4.0, 1_000_000, 10_240,
                20, 50, 5,
                716_800, 50,
                10, 50,
                20, 100_000, 100,
                20, 50, 10,
                50, 5, 5, 5,
                5, 10,
                Duration.ofDays(1), Duration.ofHours(6), Duration.ofHours(12),
                10, 3, 3, 10_000,
                10, 1, Wlm.defaults(), Forecast.defaults(), DesignThresholds.defaults());
    }
}
