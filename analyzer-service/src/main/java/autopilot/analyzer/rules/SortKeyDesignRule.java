package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.events.Benefit;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sort keys from the columns queries filter a table on (pattern shapes, weighed by how often they run):
 * <ul>
 *   <li>a table appended to (INSERT / COPY) and filtered on a date or time column relative to now is a time series:
 *       COMPOUND on that column keeps it sorted without VACUUM; never INTERLEAVED, and an interleaved key there is
 *       reported;</li>
 *   <li>columns in (nearly) every filtering query are a consistent prefix: COMPOUND, most used first, equality before
 *       range;</li>
 *   <li>a large table (100M+ rows) filtered on varying subsets of up to 8 columns: INTERLEAVED, by deep copy (ALTER
 *       cannot set one), with VACUUM REINDEX as its maintenance cost;</li>
 *   <li>small tables get no sort key advice.</li>
 * </ul>
 * Evidence: filter frequencies per column, and how much of the table scans read against what they return
 * (STL_SCAN rows before filters vs rows returned, and scans zone maps did not restrict).
 */
public final class SortKeyDesignRule implements Rule {

    private static final int MAX_INTERLEAVED = 8;
    private static final int MAX_COMPOUND = 6;

    @Override
    public Scope scope() {
        return Scope.TABLES;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.SORT_KEY_DESIGN);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds.Design d = view.thresholds().design();
        DesignWorkload w = DesignWorkload.of(view);
        List<FindingDraft> drafts = new ArrayList<>();
        Set<Long> judged = new HashSet<>();
        for (TableState table : view.tables()) {
            Map<String, DesignWorkload.Use> uses = w.filters.get(table.tableId());
            List<DesignWorkload.FilterSet> sets = w.filterSets.getOrDefault(table.tableId(), List.of());
            double filtered = sets.stream().mapToDouble(DesignWorkload.FilterSet::queries).sum();
            if (uses == null || table.rows() < d.sortKeyMinRows() || w.perDay(filtered) < d.minFilterQueriesPerDay()) continue;
            judged.add(table.tableId());
            List<String> current = DesignSql.sortKey(table);
            String timeColumn = timeColumn(table, uses);
            boolean appended = w.appends.getOrDefault(table.tableId(), 0.0) > 0;
            FindingDraft draft;
            if (appended && timeColumn != null) {
                draft = timeSeries(view, w, table, timeColumn, uses, current);
            } else {
                List<String> prefix = prefix(uses, sets, filtered, d.compoundPrefixSharePct());
                if (!prefix.isEmpty()) {
                    boolean same = !table.interleaved() && current.size() >= prefix.size() && current.subList(0, prefix.size()).equals(prefix);
                    draft = same ? null : compound(view, w, table, prefix, uses, current, "queries filter " + table.qualifiedName()
                            + " consistently on " + String.join(", ", prefix));
                } else {
                    draft = interleaved(view, w, table, uses, sets, current);
                }
            }
            if (draft != null) drafts.add(draft);
        }
        drafts.addAll(RedshiftAdvisor.onlyRedshift(view, false, judged, FindingCategory.SORT_KEY_DESIGN));
        return drafts;
    }

    /** The date/time column most often compared with the current time, if any; of equally often compared ones the first by name. */
    private static String timeColumn(TableState table, Map<String, DesignWorkload.Use> uses) {
        return uses.entrySet().stream().filter(e -> e.getValue().relativeToNowQueries > 0 && temporal(table, e.getKey()))
                .min(Comparator.<Map.Entry<String, DesignWorkload.Use>>comparingDouble(e -> e.getValue().relativeToNowQueries).reversed()
                        .thenComparing(Map.Entry::getKey)).map(Map.Entry::getKey).orElse(null);
    }

    private static boolean temporal(TableState table, String column) {
        return table.columns().stream().filter(c -> c.name().equalsIgnoreCase(column)).anyMatch(c -> {
            String type = c.type() == null ? "" : c.type().toLowerCase(Locale.ROOT);
            return type.startsWith("date") || type.startsWith("timestamp");
        });
    }

    /** Columns in at least the given share of the filtering queries: most used first, equality before range. */
    private static List<String> prefix(Map<String, DesignWorkload.Use> uses, List<DesignWorkload.FilterSet> sets, double filtered,
                                       double sharePct) {
        List<String> columns = new ArrayList<>();
        for (String column : uses.keySet()) {
            double with = sets.stream().filter(s -> s.columns().contains(column)).mapToDouble(DesignWorkload.FilterSet::queries).sum();
            if (filtered > 0 && 100 * with / filtered >= sharePct) columns.add(column);
        }
        columns.sort(Comparator.<String>comparingDouble(c -> uses.get(c).queries).reversed()
                .thenComparingDouble(c -> uses.get(c).rangeQueries / Math.max(1, uses.get(c).queries)).thenComparing(c -> c));
        return columns.size() > MAX_COMPOUND ? columns.subList(0, MAX_COMPOUND) : columns;
    }

    private FindingDraft timeSeries(ClusterView view, DesignWorkload w, TableState table, String column,
                                    Map<String, DesignWorkload.Use> uses, List<String> current) {
        String why = table.qualifiedName() + " is appended to (" + Sql.num(w.perDay(w.appends.get(table.tableId())))
                + " loads a day) and queried on recent " + column;
        if (table.interleaved()) {
            List<Evidence> evidence = evidence(view, w, table, uses);
            evidence.add(Evidence.text("sortkey", "INTERLEAVED (" + String.join(", ", current) + ")"));
            List<String> sql = DesignSql.deepCopy(table, Map.of(), DesignSql.currentDist(table), "COMPOUND SORTKEY (" + Sql.quote(column) + ")");
            return new FindingDraft(FindingCategory.SORT_KEY_DESIGN, Severity.WARNING, table.ref(),
                    "Interleaved sort key on " + table.qualifiedName() + ", which is appended in time order",
                    why + ". Rows appended in " + column + " order stay sorted under a COMPOUND key on it without VACUUM; an"
                            + " interleaved key loses that natural order, so every load leaves an unsorted region that only"
                            + " VACUUM REINDEX, the costliest VACUUM, fixes. ALTER cannot change an interleaved key: deep copy.",
                    evidence, new RecommendedAction("Re-create " + table.qualifiedName() + " with COMPOUND SORTKEY (" + column + ")", sql,
                    "A deep copy needs free space for a second copy of the table and blocks writes while it runs."), benefit(view, table), null);
        }
        if (!current.isEmpty() && current.get(0).equals(column)) return null;
        return compound(view, w, table, List.of(column), uses, current, why
                + ": a compound key led by it stays sorted as rows arrive, without VACUUM (an interleaved key would lose that)");
    }

    private FindingDraft compound(ClusterView view, DesignWorkload w, TableState table, List<String> columns,
                                  Map<String, DesignWorkload.Use> uses, List<String> current, String why) {
        List<Evidence> evidence = evidence(view, w, table, uses);
        evidence.add(Evidence.text("sortkey", current.isEmpty() ? "none" : (table.interleaved() ? "INTERLEAVED (" : "COMPOUND (")
                + String.join(", ", current) + ")"));
        RedshiftAdvisorEvidence.add(evidence, view, table, "COMPOUND(" + String.join(",", columns) + ")", why);
        List<String> sql = table.interleaved()
                ? DesignSql.deepCopy(table, Map.of(), DesignSql.currentDist(table), "COMPOUND SORTKEY (" + DesignSql.quoted(columns) + ")")
                : List.of(DesignSql.compoundSortKey(table, columns));
        return new FindingDraft(FindingCategory.SORT_KEY_DESIGN, severity(view, table), table.ref(),
                "Sort " + table.qualifiedName() + " on COMPOUND (" + String.join(", ", columns) + ")",
                why + ". Zone maps let such filters skip every block whose range cannot match, on the leading key columns.",
                evidence, new RecommendedAction("Sort " + table.qualifiedName() + " on (" + String.join(", ", columns) + ")", sql,
                "ALTER SORTKEY re-sorts the table in the background; it cannot run with VACUUM or ALTER DISTSTYLE on the same table."),
                benefit(view, table), null);
    }

    private FindingDraft interleaved(ClusterView view, DesignWorkload w, TableState table, Map<String, DesignWorkload.Use> uses,
                                     List<DesignWorkload.FilterSet> sets, List<String> current) {
        Thresholds.Design d = view.thresholds().design();
        Set<Set<String>> distinct = new HashSet<>();
        sets.forEach(s -> distinct.add(s.columns()));
        Set<String> union = new LinkedHashSet<>();
        uses.entrySet().stream().filter(e -> sets.stream().anyMatch(s -> s.columns().contains(e.getKey())))
                .sorted(Comparator.<Map.Entry<String, DesignWorkload.Use>>comparingDouble(e -> e.getValue().queries).reversed()
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> union.add(e.getKey()));
        if (table.rows() < d.interleavedMinRows() || distinct.size() < 2 || union.size() < 2 || union.size() > MAX_INTERLEAVED) return null;
        List<String> columns = List.copyOf(union);
        if (table.interleaved() && new HashSet<>(current).equals(union)) return null;
        List<Evidence> evidence = evidence(view, w, table, uses);
        evidence.add(Evidence.measured("filter_column_sets", distinct.size(), "sets", 2.0));
        evidence.add(Evidence.text("sortkey", current.isEmpty() ? "none" : (table.interleaved() ? "INTERLEAVED (" : "COMPOUND (")
                + String.join(", ", current) + ")"));
        String subsets = String.join("; ", distinct.stream().map(s -> "(" + String.join(", ", s) + ")").sorted().toList());
        RedshiftAdvisorEvidence.add(evidence, view, table, "INTERLEAVED(" + String.join(",", columns) + ")",
                "queries filter it on varying subsets " + subsets + ": no column is in most of them, so a compound key helps"
                        + " only the queries that filter on its leading column");
        List<String> sql = DesignSql.deepCopy(table, Map.of(), DesignSql.currentDist(table),
                "INTERLEAVED SORTKEY (" + DesignSql.quoted(columns) + ")");
        return new FindingDraft(FindingCategory.SORT_KEY_DESIGN, severity(view, table), table.ref(),
                "Sort " + table.qualifiedName() + " on INTERLEAVED (" + String.join(", ", columns) + ")",
                table.qualifiedName() + " (" + Sql.num(table.rows()) + " rows) is filtered on varying subsets of these columns "
                        + subsets + ", with no common leading column. An interleaved key gives each column equal weight, so zone"
                        + " maps skip blocks whichever subset a query uses. ALTER cannot set an interleaved key: the statements"
                        + " are a deep copy. Maintenance cost: loads leave an unsorted region that needs VACUUM REINDEX (the"
                        + " costliest VACUUM) once interleaved skew grows; weigh that against the scans it saves.",
                evidence, new RecommendedAction("Re-create " + table.qualifiedName() + " with INTERLEAVED SORTKEY ("
                + String.join(", ", columns) + ")", sql, "A deep copy needs free space for a second copy of the table and blocks"
                + " writes while it runs; afterwards run VACUUM REINDEX when SVV_INTERLEAVED_COLUMNS shows interleaved skew over 1.4."),
                benefit(view, table), null);
    }

    private static List<Evidence> evidence(ClusterView view, DesignWorkload w, TableState table, Map<String, DesignWorkload.Use> uses) {
        List<Evidence> evidence = new ArrayList<>();
        uses.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> evidence.add(new Evidence("filters_per_day_" + e.getKey(),
                w.perDay(e.getValue().queries), "queries", view.thresholds().design().minFilterQueriesPerDay(),
                String.join(", ", e.getValue().kinds) + (e.getValue().relativeToNowQueries > 0 ? ", relative to now" : ""))));
        evidence.add(Evidence.measured("rows", table.rows(), "rows", (double) view.thresholds().design().sortKeyMinRows()));
        Workload.TableUsage usage = view.usage(table.tableId());
        if (usage.ghostMeasuredScans > 0 && table.rows() > 0) {
            evidence.add(Evidence.measured("read_share_per_scan_pct", 100 * usage.rowsPreFilter / usage.ghostMeasuredScans / table.rows(), "%", null));
            evidence.add(Evidence.measured("returned_share_of_read_pct", usage.rowsPreFilter == 0 ? 0
                    : 100 * usage.rowsReturned / usage.rowsPreFilter, "%", null));
        }
        if (usage.clusterSeconds.count() > 0) {
            evidence.add(Evidence.measured("scans_not_range_restricted_pct", 100.0 * usage.fullScanSeconds.count() / usage.clusterSeconds.count(), "%", null));
        }
        return evidence;
    }

    /** Rows scans read and threw away per day: what zone maps on the right key could skip, at most. */
    private static Benefit benefit(ClusterView view, TableState table) {
        Workload.TableUsage usage = view.usage(table.tableId());
        if (usage.ghostMeasuredScans == 0) return null;
        return new Benefit("rows scans read per day that their filters discarded (an upper bound of what zone maps can skip)",
                Math.max(0, usage.rowsPreFilter - usage.rowsReturned) / view.windowDays(), "rows/day");
    }

    /** WARNING when scans read the table in vain at least once a day, else INFO; design advice never pages. */
    private static Severity severity(ClusterView view, TableState table) {
        Benefit b = benefit(view, table);
        return b != null && b.value() >= table.rows() ? Severity.WARNING : Severity.INFO;
    }

    /** Redshift's sort key advice beside ours. */
    private static final class RedshiftAdvisorEvidence {
        static void add(List<Evidence> evidence, ClusterView view, TableState table, String ours, String why) {
            DistributionDesignRule.addIfPresent(evidence, RedshiftAdvisor.compare(view, table, false, ours, why));
        }
    }
}
