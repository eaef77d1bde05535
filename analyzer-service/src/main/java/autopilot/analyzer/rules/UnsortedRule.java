package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableState;
import autopilot.events.Benefit;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Unsorted region: the unsorted share of a table with a sort key, weighed with Redshift's own
 * estimate of the gain (vacuum_sort_benefit) and how often the table is scanned. Tables without a
 * sort key are never unsorted. Very large tables far gone get deep-copy advice instead of VACUUM;
 * interleaved tables need REINDEX.
 */
public final class UnsortedRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.TABLES;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.UNSORTED_REGION);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        List<FindingDraft> drafts = new ArrayList<>();
        for (TableState table : view.tables()) {
            Double unsorted = table.unsortedPct();
            if (!table.hasSortKey() || unsorted == null || unsorted <= t.unsorted().pct() || table.rows() == 0) continue;
            Double benefit = table.vacuumSortBenefit();
            if (benefit != null && benefit < t.unsorted().minSortBenefitPct()) continue; // Redshift itself expects no gain
            double scansPerDay = view.scansPerDay(table.tableId());
            boolean deepCopy = table.sizeMb() >= t.unsorted().deepCopyMinSizeMb() && unsorted > t.unsorted().deepCopyPct();
            boolean big = table.sizeMb() >= t.pageMinSizeMb();
            Severity severity = unsorted > t.unsorted().criticalPct() && big && scansPerDay >= t.heavyScansPerDay()
                    && (benefit == null || benefit >= 2 * t.unsorted().minSortBenefitPct()) ? Severity.CRITICAL
                    : scansPerDay > 0 ? Severity.WARNING : Severity.INFO;
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(Evidence.measured("unsorted_pct", unsorted, "%", t.unsorted().pct()));
            if (benefit != null) evidence.add(Evidence.measured("vacuum_sort_benefit", benefit, "%", t.unsorted().minSortBenefitPct()));
            evidence.add(Evidence.measured("scans_per_day", scansPerDay, "scans", t.heavyScansPerDay()));
            evidence.add(Evidence.measured("size", table.sizeMb(), "MB", deepCopy ? (double) t.unsorted().deepCopyMinSizeMb() : null));
            evidence.add(Evidence.text("sortkey1", table.sortkey1() + (table.interleaved() ? " (INTERLEAVED)" : "")));
            int toPercent = (int) Math.round(100 - t.unsorted().pct());
            String name = Sql.table(table);
            RecommendedAction action;
            WorkNeed work = null;
            double priority = unsorted / 100 * (benefit == null ? unsorted : benefit) * Math.max(1, scansPerDay);
            if (deepCopy) {
                action = new RecommendedAction("Deep copy " + table.qualifiedName() + ": at this size and disorder a copy is"
                        + " faster than VACUUM", List.of(
                        "CREATE TABLE " + Sql.quote(table.schema()) + "." + Sql.quote(table.name() + "_sorted")
                                + " (LIKE " + name + ");",
                        "INSERT INTO " + Sql.quote(table.schema()) + "." + Sql.quote(table.name() + "_sorted")
                                + " SELECT * FROM " + name + ";",
                        "-- then, in one transaction: DROP TABLE " + name + "; ALTER TABLE "
                                + Sql.quote(table.schema()) + "." + Sql.quote(table.name() + "_sorted") + " RENAME TO "
                                + Sql.quote(table.name()) + ";"),
                        "A deep copy needs free space for a second copy of the table and blocks writes to it while it runs;"
                                + " AWS's AnalyzeVacuumUtility stops vacuuming tables over 700 GB past 50 % unsorted.");
            } else if (table.interleaved()) {
                action = new RecommendedAction("Re-sort the interleaved key of " + table.qualifiedName(),
                        List.of("VACUUM REINDEX " + name + ";", "ANALYZE " + name + " PREDICATE COLUMNS;"),
                        "REINDEX re-analyses the interleaved key's value distribution; it is the costliest VACUUM.");
                work = new WorkNeed(table, null, null, true, false, priority, Sql.pct(unsorted) + "% unsorted (interleaved)");
            } else {
                action = new RecommendedAction("Sort " + table.qualifiedName(),
                        List.of("VACUUM SORT ONLY " + name + " TO " + toPercent + " PERCENT;", "ANALYZE " + name + " PREDICATE COLUMNS;"),
                        "TO " + toPercent + " PERCENT matches the " + Sql.pct(t.unsorted().pct()) + " % threshold, so Redshift's own"
                                + " sort check does not skip the run; run ANALYZE after VACUUM.");
                work = new WorkNeed(table, toPercent, null, false, false, priority,
                        Sql.pct(unsorted) + "% unsorted, " + Math.round(scansPerDay) + " scans a day");
            }
            String title = table.qualifiedName() + " is " + Sql.pct(unsorted) + "% unsorted";
            String explanation = "Zone maps let scans skip blocks only in the sorted region of " + table.qualifiedName() + "; "
                    + Sql.pct(unsorted) + " % of its rows are unsorted, so scans filtered on " + table.sortkey1()
                    + " read blocks they could skip" + (benefit != null ? " (Redshift estimates up to " + Sql.pct(benefit)
                    + " % faster scans after sorting)" : "") + ".";
            Benefit gain = benefit == null ? null : new Benefit("SVV_TABLE_INFO.vacuum_sort_benefit", benefit, "% scan time");
            drafts.add(new FindingDraft(FindingCategory.UNSORTED_REGION, severity, table.ref(), title, explanation, evidence,
                    action, gain, work));
        }
        return drafts;
    }
}
