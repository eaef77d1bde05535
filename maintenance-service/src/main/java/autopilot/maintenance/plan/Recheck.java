package autopilot.maintenance.plan;

import autopilot.events.MaintenanceRequested;
import autopilot.events.MaintenanceSkipped.Code;
import autopilot.events.VacuumSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides, from what the cluster shows right now, whether a work item still makes sense and is safe
 * to run: Redshift's own VACUUM thresholds (a VACUUM Redshift would skip is not sent), tables
 * without a sort key are never sorted, recent automatic maintenance is respected, a running VACUUM,
 * busy queues and (for the delete phase) long transactions postpone the item, and a run that would
 * not end before the window closes is not started. Pure: everything comes in as arguments.
 */
public final class Recheck {

    /** Redshift's default VACUUM threshold (sort when less than 95 % sorted, delete when less than 95 % live). */
    static final int REDSHIFT_VACUUM_THRESHOLD = 95;
    /** Redshift's default analyze_threshold_percent. */
    static final int REDSHIFT_ANALYZE_THRESHOLD = 10;

    /**
     * The service's limits.
     *
     * @param analyzeThresholdPercent   the session's analyze_threshold_percent
     * @param recentAutomatic           automatic maintenance this recent is respected
     * @param maxQueuedQueries          WLM queue length at which maintenance waits
     * @param boost                     whether BOOST may be issued
     * @param vacuumMbPerSecond         assumed speed without observed history
     * @param postponeDelay             how long an unsafe item waits before its next check
     */
    public record Limits(int analyzeThresholdPercent, Duration recentAutomatic, int maxQueuedQueries, boolean boost,
                         double vacuumMbPerSecond, Duration postponeDelay) {
    }

    /**
     * Where the item stands relative to the cluster's window.
     *
     * @param closesAt     when the open window closes; null when the item runs urgently outside it
     * @param nextOpening  the next opening after now
     * @param length       the window's length
     */
    public record WindowSituation(Instant closesAt, Instant nextOpening, Duration length) {
    }

    private Recheck() {
    }

    public static Decision decide(MaintenanceRequested item, Observation seen, Limits limits, WindowSituation window, Instant now) {
        TableState t = seen.table();
        String name = item.table().database() + "." + item.table().schema() + "." + item.table().table();
        if (t == null) {
            return new Decision.Skip(Code.TABLE_NOT_FOUND, "no table " + name + " in SVV_TABLE_INFO now "
                    + "(dropped or renamed since the request, or empty); nothing was run");
        }
        List<String> notNeeded = new ArrayList<>();
        List<String> automatic = new ArrayList<>();

        VacuumWork vacuum = item.vacuum() == null ? null : vacuumWork(item.vacuum(), t, notNeeded);
        if (vacuum != null && seen.lastAutoVacuum() != null && seen.lastAutoVacuum().isAfter(now.minus(limits.recentAutomatic()))) {
            automatic.add("Redshift vacuumed the table automatically at " + seen.lastAutoVacuum());
            vacuum = null;
        }
        boolean analyze = item.analyze() != null && analyzeNeeded(t, seen.modifiedPct(), limits, notNeeded);
        if (analyze && seen.lastAutoAnalyze() != null && seen.lastAutoAnalyze().isAfter(now.minus(limits.recentAutomatic()))) {
            automatic.add("Redshift analyzed the table automatically at " + seen.lastAutoAnalyze());
            analyze = false;
        }
        if (vacuum == null && !analyze) {
            return automatic.isEmpty()
                    ? new Decision.Skip(Code.NO_LONGER_NEEDED, String.join("; ", notNeeded))
                    : new Decision.Skip(Code.AUTOMATIC_MAINTENANCE_RAN, String.join("; ", automatic));
        }

        Instant retry = now.plus(limits.postponeDelay());
        if (vacuum != null && seen.vacuumRunning()) {
            return new Decision.Postpone(retry, Code.VACUUM_ALREADY_RUNNING,
                    "a VACUUM is running on the cluster (only one can run at a time)", Decision.Scope.CLUSTER);
        }
        if (seen.queuedQueries() >= limits.maxQueuedQueries()) {
            return new Decision.Postpone(retry, Code.UNSAFE_NOW, seen.queuedQueries() + " queries are queued in WLM (limit "
                    + limits.maxQueuedQueries() + "); maintenance would add to the wait", Decision.Scope.CLUSTER);
        }
        if (vacuum != null && vacuum.deleteOnly() && seen.longTransactions() > 0) {
            return new Decision.Postpone(retry, Code.UNSAFE_NOW, seen.longTransactions()
                    + " long open transaction(s) would keep VACUUM DELETE from reclaiming any row", Decision.Scope.ITEM);
        }

        double speed = seen.vacuumMbPerSecond() != null && seen.vacuumMbPerSecond() > 0 ? seen.vacuumMbPerSecond() : limits.vacuumMbPerSecond();
        double seconds = vacuum == null ? 0 : vacuum.workMb() / speed;
        if (window.closesAt() != null && now.plusMillis((long) (seconds * 1000)).isAfter(window.closesAt())) {
            String estimate = String.format(Locale.ROOT, "estimated %.0f s (%.0f MB at %.1f MB/s)", seconds, vacuum.workMb(), speed);
            if (seconds <= window.length().toSeconds()) {
                return new Decision.Postpone(window.nextOpening(), Code.WOULD_NOT_FINISH_IN_WINDOW,
                        estimate + " would not end before the window closes at " + window.closesAt() + "; waits for the next opening", Decision.Scope.ITEM);
            }
            return new Decision.Skip(Code.WOULD_NOT_FINISH_IN_WINDOW, estimate + " is longer than the whole window ("
                    + window.length() + "); a deep copy may suit this table better");
        }

        List<String> statements = new ArrayList<>();
        if (vacuum != null) {
            statements.add(Statements.vacuum(t, item.vacuum(), limits.boost() && item.vacuum().boost() && window.closesAt() != null));
        }
        if (analyze) {
            statements.add(Statements.analyze(t, item.analyze()));
        }
        return new Decision.Run(statements, seconds);
    }

    private record VacuumWork(double workMb, boolean deleteOnly) {
    }

    /** The VACUUM's work in MB, or null (with the reason added) when Redshift would skip it. */
    private static VacuumWork vacuumWork(VacuumSpec spec, TableState t, List<String> notNeeded) {
        int threshold = spec.toPercent() == null ? REDSHIFT_VACUUM_THRESHOLD : spec.toPercent();
        double unsorted = t.unsortedPct() == null ? 0 : t.unsortedPct();
        boolean sortable = t.hasSortKey() && !t.interleaved();
        boolean sort = sortable && 100 - unsorted < threshold;
        boolean delete = 100 - t.deletedPct() < threshold;
        double sortMb = t.sizeMb() * unsorted / 100;
        double deleteMb = t.sizeMb() * t.deletedPct() / 100;
        String why = switch (spec.variant()) {
            case SORT_ONLY -> !t.hasSortKey() ? "the table has no sort key, so there is nothing to sort"
                    : sort ? null : sortedEnough(unsorted, threshold);
            case DELETE_ONLY -> delete ? null : liveEnough(t, threshold);
            case FULL -> sort || delete ? null : (t.hasSortKey() ? sortedEnough(unsorted, threshold) + " and " : "no sort key, and ")
                    + liveEnough(t, threshold);
            case REINDEX -> t.interleaved() ? null : "REINDEX is for interleaved sort keys; this table has "
                    + (t.hasSortKey() ? "a compound sort key" : "no sort key");
            case RECLUSTER -> t.interleaved() || (t.diststyle() != null && t.diststyle().contains("ALL"))
                    ? "RECLUSTER does not apply to interleaved or DISTSTYLE ALL tables"
                    : sortable && unsorted > 0 ? null : "nothing is unsorted";
        };
        if (why != null) {
            notNeeded.add("VACUUM " + spec.variant().sql() + ": " + why);
            return null;
        }
        return switch (spec.variant()) {
            case SORT_ONLY -> new VacuumWork(sortMb, false);
            case DELETE_ONLY -> new VacuumWork(deleteMb, true);
            case FULL -> new VacuumWork((sort ? sortMb : 0) + (delete ? deleteMb : 0), !sort);
            case REINDEX -> new VacuumWork(t.sizeMb(), false);
            case RECLUSTER -> new VacuumWork(sortMb, false);
        };
    }

    private static String sortedEnough(double unsorted, int threshold) {
        return String.format(Locale.ROOT, "%.2f %% sorted, at least the %d %% threshold (Redshift would skip the sort)",
                100 - unsorted, threshold);
    }

    private static String liveEnough(TableState t, int threshold) {
        return String.format(Locale.ROOT, "%.2f %% of rows live, at least the %d %% threshold", 100 - t.deletedPct(), threshold);
    }

    /**
     * As Redshift decides: ANALYZE skips a table whose share of rows changed since its last ANALYZE is
     * below analyze_threshold_percent (0 analyzes every table). stats_off is another measure, used only
     * when the cluster does not give the changed rows.
     */
    private static boolean analyzeNeeded(TableState t, Double modifiedPct, Limits limits, List<String> notNeeded) {
        double statsOff = t.statsOffPct() == null ? 0 : t.statsOffPct();
        int threshold = limits.analyzeThresholdPercent();
        if (modifiedPct != null) {
            if (threshold == 0 || modifiedPct > 0 && modifiedPct >= threshold) {
                return true;
            }
            notNeeded.add(String.format(Locale.ROOT, "ANALYZE: %.2f %% of rows changed since the last ANALYZE, below "
                    + "analyze_threshold_percent %d, so Redshift would skip it (stats_off %.2f)", modifiedPct, threshold, statsOff));
            return false;
        }
        if (statsOff > 0 && statsOff >= threshold) {
            return true;
        }
        notNeeded.add(String.format(Locale.ROOT, "ANALYZE: stats_off %.2f is below analyze_threshold_percent %d",
                statsOff, limits.analyzeThresholdPercent()));
        return false;
    }
}
