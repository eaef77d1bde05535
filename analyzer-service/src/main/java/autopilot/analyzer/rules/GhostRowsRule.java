package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Ghost rows: rows deleted but not yet vacuumed, which every scan still reads. The table's own
 * figures (tbl_rows counts them, estimated_visible_rows does not) decide, so the finding resolves
 * on the first snapshot after a VACUUM DELETE; the scans' rows_pre_filter - rows_pre_user_filter
 * shows what they cost queries in the window.
 */
public final class GhostRowsRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.TABLES;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.GHOST_ROWS);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        List<FindingDraft> drafts = new ArrayList<>();
        for (TableState table : view.tables()) {
            if (table.rows() == 0 || table.estimatedVisibleRows() == null) continue;
            double deleted = Math.max(0, table.rows() - table.estimatedVisibleRows());
            double deletedPct = 100 * deleted / table.rows();
            if (deletedPct <= t.ghostRows().pct()) continue;
            Workload.TableUsage usage = view.usage(table.tableId());
            double ghostPerScan = usage.ghostMeasuredScans == 0 ? Double.NaN : usage.ghostRows() / usage.ghostMeasuredScans;
            if (!Double.isNaN(ghostPerScan) && ghostPerScan < t.ghostRows().minPerScan() && deleted < t.ghostRows().minPerScan()) continue;
            double scansPerDay = view.scansPerDay(table.tableId());
            Severity severity = scansPerDay >= t.heavyScansPerDay() && table.sizeMb() >= t.pageMinSizeMb() && deletedPct > 50
                    ? Severity.CRITICAL : scansPerDay > 0 ? Severity.WARNING : Severity.INFO;
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(Evidence.measured("deleted_rows_pct", deletedPct, "%", t.ghostRows().pct()));
            evidence.add(Evidence.measured("deleted_rows", deleted, "rows", null));
            if (!Double.isNaN(ghostPerScan)) evidence.add(Evidence.measured("ghost_rows_per_scan", ghostPerScan, "rows",
                    (double) t.ghostRows().minPerScan()));
            evidence.add(Evidence.measured("scans_per_day", scansPerDay, "scans", null));
            int toPercent = (int) Math.round(100 - t.ghostRows().pct());
            boolean sorted = !table.hasSortKey() || table.unsortedPct() == null || table.unsortedPct() <= t.unsorted().pct();
            String name = Sql.table(table);
            RecommendedAction action = new RecommendedAction("Reclaim the deleted rows of " + table.qualifiedName(),
                    List.of("VACUUM DELETE ONLY " + name + " TO " + toPercent + " PERCENT;"),
                    "Long-running open transactions keep VACUUM from reclaiming rows: check SVV_TRANSACTIONS first."
                            + (sorted ? "" : " The table is also unsorted, so the work item runs VACUUM FULL."));
            WorkNeed work = new WorkNeed(table, null, toPercent, false, false, deletedPct / 100 * Math.max(1, scansPerDay),
                    Sql.pct(deletedPct) + "% of rows deleted but not reclaimed");
            drafts.add(new FindingDraft(FindingCategory.GHOST_ROWS, severity, table.ref(),
                    table.qualifiedName() + ": " + Sql.pct(deletedPct) + "% of rows are deleted but still scanned",
                    "Deleted and updated rows stay in " + table.qualifiedName() + "'s blocks until VACUUM reclaims them;"
                            + " every scan reads and discards them.", evidence, action, null, work));
        }
        return drafts;
    }
}
