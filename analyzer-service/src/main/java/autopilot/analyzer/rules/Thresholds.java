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
        Duration workloadWindow, Duration autoMaintenanceGrace, Duration workRepeatAfter) {

    public static Thresholds defaults() {
        return new Thresholds(4.0, 1_000_000, 10_240,
                20, 50, 5,
                716_800, 50,
                10, 50,
                20, 100_000, 100,
                20, 50, 10,
                50, 5, 5, 5,
                5, 10,
                Duration.ofDays(1), Duration.ofHours(6), Duration.ofHours(12));
    }
}
