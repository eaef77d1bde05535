package autopilot.analyzer.model;

import java.time.Instant;

/**
 * When maintenance last ran on a table, as far as the analyzer has seen it (SYS_VACUUM_HISTORY, SYS_ANALYZE_HISTORY,
 * and the times stored from earlier snapshots, which keep what the system tables have since rotated out). Each time
 * is the end of the run; null when none was seen.
 *
 * @param vacuum        the last VACUUM, manual or automatic
 * @param autoVacuum    the last automatic VACUUM
 * @param analyze       the last ANALYZE, manual or automatic
 * @param autoAnalyze   the last automatic ANALYZE
 */
public record TableMaintenance(Instant vacuum, Instant autoVacuum, Instant analyze, Instant autoAnalyze) {

    public static final TableMaintenance NONE = new TableMaintenance(null, null, null, null);

    /** Whether any VACUUM or ANALYZE was seen (an automatic run is also the last run of its kind). */
    public boolean any() {
        return vacuum != null || analyze != null;
    }

    /** These times with a VACUUM that ended at {@code end}, where it is later. */
    public TableMaintenance withVacuum(Instant end, boolean automatic) {
        return new TableMaintenance(later(vacuum, end), automatic ? later(autoVacuum, end) : autoVacuum, analyze, autoAnalyze);
    }

    /** These times with an ANALYZE that ended at {@code end}, where it is later. */
    public TableMaintenance withAnalyze(Instant end, boolean automatic) {
        return new TableMaintenance(vacuum, autoVacuum, later(analyze, end), automatic ? later(autoAnalyze, end) : autoAnalyze);
    }

    /** The later of these and the other times, each kind on its own. */
    public TableMaintenance latest(TableMaintenance other) {
        return new TableMaintenance(later(vacuum, other.vacuum), later(autoVacuum, other.autoVacuum), later(analyze, other.analyze),
                later(autoAnalyze, other.autoAnalyze));
    }

    static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
