package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableState;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Distribution skew: rows piled on some slices (skew_rows) or slices left empty. Names the cause
 * when the data shows it: a nullable distribution key (every NULL lands on one slice) or too few
 * distinct values for the slices.
 */
public final class SkewRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.TABLES;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.DISTRIBUTION_SKEW);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        List<FindingDraft> drafts = new ArrayList<>();
        for (TableState table : view.tables()) {
            if (table.rows() < t.skew().minRows() || table.diststyle() == null || table.diststyle().toUpperCase().contains("ALL")) {
                continue; // small tables, and ALL (a full copy per node) cannot skew
            }
            Double skew = table.skewRows();
            int empty = table.emptySlices() == null ? 0 : table.emptySlices();
            boolean skewed = skew != null && skew > t.skew().ratio();
            if (!skewed && empty == 0) continue;
            List<Evidence> evidence = new ArrayList<>();
            if (skew != null) evidence.add(Evidence.measured("skew_rows", skew, "ratio", t.skew().ratio()));
            if (table.slices() != null) {
                evidence.add(Evidence.measured("empty_slices", empty, "slices", 0.0));
                evidence.add(Evidence.measured("slices", table.slices(), "slices", null));
            }
            if (table.maxSliceRows() != null) evidence.add(Evidence.measured("max_slice_rows", table.maxSliceRows(), "rows", null));
            if (table.minSliceRows() != null) evidence.add(Evidence.measured("min_slice_rows", table.minSliceRows(), "rows", null));
            evidence.add(Evidence.measured("rows", table.rows(), "rows", (double) t.skew().minRows()));
            evidence.add(Evidence.measured("size", table.sizeMb(), "MB", null));
            evidence.add(Evidence.text("diststyle", table.diststyle()));
            TableState.Column key = table.distkeyColumn();
            String cause = cause(table, key, empty);
            if (cause != null) evidence.add(Evidence.text("cause", cause));
            boolean big = table.sizeMb() >= t.pageMinSizeMb();
            double usage = view.scansPerDay(table.tableId());
            Severity severity = big && skew != null && skew > 5 * t.skew().ratio() && usage >= t.heavyScansPerDay() ? Severity.CRITICAL
                    : skewed || empty > 0 ? Severity.WARNING : Severity.INFO;
            String title = table.qualifiedName() + " is skewed: " + (skew == null ? empty + " empty slices"
                    : "fullest slice holds " + Sql.pct(skew) + "x the emptiest" + (empty > 0 ? ", " + empty + " slices empty" : ""));
            String explanation = "Every slice works on its own share of a table, so a query over " + table.qualifiedName()
                    + " waits for the fullest slice while the others idle" + (empty > 0 ? ", and " + empty
                    + " slices hold none of its rows at all" : "") + ". "
                    + (cause != null ? cause + " " : "")
                    + "Choose a distribution key with many evenly spread, non-NULL values, or DISTSTYLE EVEN if the table"
                    + " is not joined on a key.";
            List<String> sql = key != null && table.rows() > 0
                    ? List.of("ALTER TABLE " + Sql.table(table) + " ALTER DISTSTYLE EVEN;")
                    : List.of();
            RecommendedAction action = new RecommendedAction(key != null
                    ? "Redistribute " + table.qualifiedName() + " on an evenly distributed column (or EVEN until one is chosen)"
                    : "Review the distribution of " + table.qualifiedName(), sql,
                    "Check SELECT slice, count(*) over the candidate key's values before changing it; ALTER DISTSTYLE "
                            + "rewrites the table in the background.");
            drafts.add(new FindingDraft(FindingCategory.DISTRIBUTION_SKEW, severity, table.ref(), title, explanation, evidence,
                    action, null, null));
        }
        return drafts;
    }

    private static String cause(TableState table, TableState.Column key, int empty) {
        if (key == null) return null;
        if (!key.notnull()) {
            return "The distribution key " + key.name() + " is nullable: every row with a NULL key lands on the same slice,"
                    + " a common hidden cause of skew.";
        }
        if (empty > 0) {
            return "The distribution key " + key.name() + " has too few distinct values to reach every slice.";
        }
        return "The distribution key " + key.name() + " has a few values that hold most rows.";
    }
}
