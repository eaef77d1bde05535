package autopilot.analyzer.rules;

import autopilot.analyzer.model.ColumnProfile;
import autopilot.analyzer.model.TableState;
import autopilot.events.Benefit;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Distribution design from the join graph of the workload (pattern shapes weighed by how often they run and how many
 * rows their joins move), following AWS's star-schema guidance:
 * <ul>
 *   <li>a fact table (the larger side of frequent joins) is distributed on the foreign key of the dimension whose
 *       joins move the most rows, and that dimension on its key: both statements are one group;</li>
 *   <li>small, rarely written dimensions that are smaller than the filtered fact side of their joins get DISTSTYLE ALL;
 *       frequently written ones get KEY on their (evenly distributed) join column instead;</li>
 *   <li>a key is only recommended when its column profile predicts little skew ({@link KeySkew}); when no candidate
 *       qualifies and the current key skews, EVEN.</li>
 * </ul>
 * Design advice never pages: WARNING when the joins move more rows than the optimizer's own alert level, else INFO.
 */
public final class DistributionDesignRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.TABLES;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.DISTRIBUTION_DESIGN);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds.Design d = view.thresholds().design();
        DesignWorkload w = DesignWorkload.of(view);
        Integer slices = view.tables().stream().map(TableState::slices).filter(Objects::nonNull).max(Integer::compare).orElse(null);
        List<DesignWorkload.Join> frequent = w.joins.values().stream().filter(j -> w.perDay(j.queries) >= d.minJoinsPerDay()).toList();
        List<FindingDraft> drafts = new ArrayList<>();
        Map<Long, String> planned = new HashMap<>(); // table id -> KEY(c) / ALL / EVEN
        Set<Long> judged = new HashSet<>();
        List<TableState> facts = frequent.stream().flatMap(j -> java.util.stream.Stream.of(j.a.table(), j.b.table()))
                .filter(t -> t.rows() > d.distAllMaxRows()).distinct()
                .filter(t -> frequent.stream().anyMatch(j -> involves(j, t) && j.other(t).table().rows() < t.rows()))
                .sorted(Comparator.comparingLong(TableState::rows).reversed().thenComparingLong(TableState::tableId)).toList();
        for (TableState fact : facts) {
            if (planned.containsKey(fact.tableId())) continue;
            List<DesignWorkload.Join> candidates = frequent.stream()
                    .filter(j -> involves(j, fact) && j.other(fact).table().rows() < fact.rows()
                            && !planned.containsKey(j.other(fact).table().tableId()))
                    .sorted(Comparator.<DesignWorkload.Join>comparingDouble(j -> j.movedRows).reversed()
                            .thenComparing(j -> j.other(fact).table().rows(), Comparator.reverseOrder())
                            .thenComparing(DesignWorkload.Join::key)).toList();
            List<String> rejected = new ArrayList<>();
            boolean decided = false;
            for (DesignWorkload.Join join : candidates) {
                DesignWorkload.Col fk = join.side(fact);
                DesignWorkload.Col pk = join.other(fact);
                if (DesignWorkload.collocated(fk, pk)) {
                    decided = true; // already distributed for its most important join
                    break;
                }
                if (join.movedRows <= 0) continue;
                KeySkew.Prediction pf = predict(view, fk, slices);
                KeySkew.Prediction pd = predict(view, pk, slices);
                String problem = pf == null || pd == null ? "no column profile (or slice count) yet to check its distribution"
                        : pf.skewRows() > d.distKeyMaxSkew() ? fk + " would skew, " + pf.describe()
                        : pd.skewRows() > d.distKeyMaxSkew() ? pk + " would skew, " + pd.describe() : null;
                if (problem != null) {
                    rejected.add(fk + " = " + pk + ": " + problem);
                    continue;
                }
                drafts.add(keyGroup(view, w, fact, join, pf, pd, rejected));
                planned.put(fact.tableId(), "KEY(" + fk.column() + ")");
                planned.put(pk.table().tableId(), "KEY(" + pk.column() + ")");
                judged.add(pk.table().tableId());
                decided = true;
                break;
            }
            judged.add(fact.tableId());
            if (!decided && !rejected.isEmpty()) {
                FindingDraft even = even(view, fact, slices, rejected);
                if (even != null) {
                    drafts.add(even);
                    planned.put(fact.tableId(), "EVEN");
                }
            }
        }
        for (TableState dim : view.tables()) {
            if (planned.containsKey(dim.tableId()) || dim.rows() == 0 || dim.rows() > d.distAllMaxRows() || DesignWorkload.all(dim)) continue;
            List<DesignWorkload.Join> joins = frequent.stream().filter(j -> involves(j, dim) && j.other(dim).table().rows() > dim.rows()
                    && !collocatedAfter(j, planned)).toList();
            if (joins.isEmpty()) continue;
            judged.add(dim.tableId());
            FindingDraft draft = dimension(view, w, dim, joins, slices);
            if (draft != null) {
                drafts.add(draft);
                planned.put(dim.tableId(), draft.title().contains("DISTSTYLE ALL") ? "ALL" : "KEY");
            }
        }
        drafts.addAll(RedshiftAdvisor.onlyRedshift(view, true, judged, FindingCategory.DISTRIBUTION_DESIGN));
        return drafts;
    }

    private static boolean involves(DesignWorkload.Join j, TableState t) {
        return j.a.table().tableId() == t.tableId() || j.b.table().tableId() == t.tableId();
    }

    /** Whether a join is collocated once the planned keys are applied. */
    private static boolean collocatedAfter(DesignWorkload.Join j, Map<Long, String> planned) {
        String pa = planned.get(j.a.table().tableId());
        String pb = planned.get(j.b.table().tableId());
        if ("ALL".equals(pa) || "ALL".equals(pb)) return true;
        String ka = pa != null ? pa : "KEY(" + DesignWorkload.distkey(j.a.table()) + ")";
        String kb = pb != null ? pb : "KEY(" + DesignWorkload.distkey(j.b.table()) + ")";
        return pa == null && pb == null ? DesignWorkload.collocated(j.a, j.b)
                : ka.equals("KEY(" + j.a.column() + ")") && kb.equals("KEY(" + j.b.column() + ")");
    }

    static KeySkew.Prediction predict(ClusterView view, DesignWorkload.Col c, Integer slices) {
        ColumnProfile p = view.design().profile(c.table().tableId(), c.column());
        return p == null || slices == null || slices < 1 ? null : KeySkew.predict(p, c.table().rows(), slices);
    }

    private FindingDraft keyGroup(ClusterView view, DesignWorkload w, TableState fact, DesignWorkload.Join join,
                                  KeySkew.Prediction pf, KeySkew.Prediction pd, List<String> rejected) {
        DesignWorkload.Col fk = join.side(fact);
        DesignWorkload.Col pk = join.other(fact);
        TableState dim = pk.table();
        String groupId = "distribution:" + fact.tableId();
        List<String> sql = new ArrayList<>();
        sql.addAll(keyStatements(fact, fk.column()));
        sql.addAll(keyStatements(dim, pk.column()));
        double joinsPerDay = w.perDay(join.queries);
        double movedPerDay = w.perDay(join.movedRows);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.text("group_id", groupId));
        evidence.add(Evidence.measured("joins_per_day", joinsPerDay, "queries", view.thresholds().design().minJoinsPerDay()));
        evidence.add(Evidence.measured("moved_rows_per_day", movedPerDay, "rows", null));
        evidence.add(Evidence.measured("moved_rows_per_join", movedPerDay / Math.max(1e-9, joinsPerDay), "rows", DesignWorkload.ALERT_ROWS));
        if (join.alertQueries > 0) evidence.add(Evidence.measured("movement_alerts", join.alertQueries, "queries", null));
        evidence.add(Evidence.text("diststyle_" + fact.name(), String.valueOf(fact.diststyle())));
        evidence.add(Evidence.text("diststyle_" + dim.name(), String.valueOf(dim.diststyle())));
        evidence.add(new Evidence("predicted_skew_" + fact.name(), finite(pf.skewRows()), "ratio", view.thresholds().design().distKeyMaxSkew(),
                fk + ": " + pf.describe()));
        evidence.add(new Evidence("predicted_skew_" + dim.name(), finite(pd.skewRows()), "ratio", view.thresholds().design().distKeyMaxSkew(),
                pk + ": " + pd.describe()));
        if (fact.skewRows() != null) evidence.add(Evidence.measured("skew_rows_now_" + fact.name(), fact.skewRows(), "ratio", null));
        for (String r : rejected) evidence.add(Evidence.text("rejected_candidate", r));
        String why = "the join " + fk + " = " + pk + " moves the most rows of " + fact.qualifiedName() + "'s joins and "
                + fk.column() + " spreads evenly";
        addIfPresent(evidence, RedshiftAdvisor.compare(view, fact, true, "KEY(" + fk.column() + ")", why));
        addIfPresent(evidence, RedshiftAdvisor.compare(view, dim, true, "KEY(" + pk.column() + ")", why));
        boolean large = join.alertQueries > 0 || movedPerDay / Math.max(1e-9, joinsPerDay) >= DesignWorkload.ALERT_ROWS;
        String title = "Distribute " + fact.qualifiedName() + " and " + dim.qualifiedName() + " on " + fk.column()
                + (fk.column().equals(pk.column()) ? "" : " / " + pk.column()) + " (collocated join)";
        String explanation = fact.qualifiedName() + " (" + Sql.num(fact.rows()) + " rows) is joined to " + dim.qualifiedName()
                + " on " + fk.column() + " = " + pk.column() + " about " + Sql.num(joinsPerDay) + " times a day, moving about "
                + Sql.num(movedPerDay) + " rows a day between slices, because the two tables are not distributed on the join"
                + " columns (" + fact.name() + ": " + fact.diststyle() + ", " + dim.name() + ": " + dim.diststyle() + "). "
                + "Distributed on them, each slice joins its own rows. " + fk.column() + " spreads evenly: "
                + pf.describe() + ". The statements are one group: apply both, or the join still moves rows."
                + (rejected.isEmpty() ? "" : " Candidates passed over: " + String.join("; ", rejected) + ".");
        RecommendedAction action = new RecommendedAction("Distribute " + fact.qualifiedName() + " on " + fk.column() + " and "
                + dim.qualifiedName() + " on " + pk.column() + " (group " + groupId + ")", sql,
                "ALTER DISTKEY rewrites the table in the background; it cannot run with VACUUM on the same table, and tables"
                        + " with an interleaved sort key need the deep copy given instead.");
        return new FindingDraft(FindingCategory.DISTRIBUTION_DESIGN, large ? Severity.WARNING : Severity.INFO, fact.ref(), title,
                explanation, evidence, action, new Benefit("rows redistributed or broadcast per day by this join (measured dist/bcast"
                + " steps, else at least the optimizer's alert level or the smaller filtered side)", movedPerDay, "rows/day"), null);
    }

    private static List<String> keyStatements(TableState t, String column) {
        if (column.equals(DesignWorkload.distkey(t))) return List.of();
        if (t.interleaved()) {
            return DesignSql.deepCopy(t, Map.of(), "DISTSTYLE KEY DISTKEY (" + Sql.quote(column) + ")", DesignSql.currentSort(t));
        }
        return List.of(DesignSql.distKey(t, column));
    }

    private FindingDraft even(ClusterView view, TableState fact, Integer slices, List<String> rejected) {
        String key = DesignWorkload.distkey(fact);
        if (key == null) return null;
        KeySkew.Prediction now = predict(view, new DesignWorkload.Col(fact, key), slices);
        boolean skewed = (fact.skewRows() != null && fact.skewRows() > view.thresholds().skew().ratio())
                || (now != null && now.skewRows() > view.thresholds().design().distKeyMaxSkew());
        if (!skewed) return null;
        List<Evidence> evidence = new ArrayList<>();
        if (fact.skewRows() != null) evidence.add(Evidence.measured("skew_rows", fact.skewRows(), "ratio", view.thresholds().skew().ratio()));
        if (now != null) evidence.add(new Evidence("predicted_skew", finite(now.skewRows()), "ratio", null, key + ": " + now.describe()));
        for (String r : rejected) evidence.add(Evidence.text("rejected_candidate", r));
        addIfPresent(evidence, RedshiftAdvisor.compare(view, fact, true, "EVEN", "no join column of it spreads evenly"));
        List<String> sql = fact.interleaved() ? DesignSql.deepCopy(fact, Map.of(), "DISTSTYLE EVEN", DesignSql.currentSort(fact))
                : List.of(DesignSql.distStyle(fact, "EVEN"));
        return new FindingDraft(FindingCategory.DISTRIBUTION_DESIGN, Severity.WARNING, fact.ref(),
                "Distribute " + fact.qualifiedName() + " EVEN: its key " + key + " skews and no join column spreads evenly",
                fact.qualifiedName() + " is distributed on " + key + ", which piles rows on few slices, and none of the columns it"
                        + " is joined on would spread evenly (" + String.join("; ", rejected) + "). EVEN spreads the rows; its"
                        + " joins keep moving rows as they do now.",
                evidence, new RecommendedAction("Distribute " + fact.qualifiedName() + " EVEN", sql,
                        "ALTER DISTSTYLE rewrites the table in the background."), null, null);
    }

    /** DISTSTYLE ALL for a small, rarely written dimension; KEY on its join column for a frequently written one. */
    private FindingDraft dimension(ClusterView view, DesignWorkload w, TableState dim, List<DesignWorkload.Join> joins,
                                   Integer slices) {
        Thresholds.Design d = view.thresholds().design();
        double writesPerDay = w.perDay(w.appends.getOrDefault(dim.tableId(), 0.0) + w.updates.getOrDefault(dim.tableId(), 0.0));
        double joinsPerDay = w.perDay(joins.stream().mapToDouble(j -> j.queries).sum());
        double movedPerDay = w.perDay(joins.stream().mapToDouble(j -> j.movedRows).sum());
        List<Double> otherSides = new ArrayList<>();
        for (DesignWorkload.Join j : joins) {
            Double filtered = j.filteredRows(j.other(dim).table());
            otherSides.add(filtered != null ? filtered : (double) j.other(dim).table().rows());
        }
        otherSides.sort(Double::compare);
        double typicalOther = otherSides.get(otherSides.size() / 2);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.measured("rows", dim.rows(), "rows", (double) d.distAllMaxRows()));
        evidence.add(Evidence.measured("writes_per_day", writesPerDay, "statements", d.distAllMaxWritesPerDay()));
        evidence.add(Evidence.measured("joins_per_day", joinsPerDay, "queries", d.minJoinsPerDay()));
        evidence.add(Evidence.measured("filtered_other_side_rows", typicalOther, "rows", null));
        evidence.add(Evidence.measured("moved_rows_per_day", movedPerDay, "rows", null));
        evidence.add(Evidence.text("diststyle", String.valueOf(dim.diststyle())));
        String partners = String.join(", ", joins.stream().map(j -> j.other(dim).toString() + " = " + j.side(dim).column()).distinct()
                .sorted().toList());
        if (writesPerDay <= d.distAllMaxWritesPerDay()) {
            if (dim.rows() >= typicalOther) return null; // the other side is smaller once filtered: moving it is cheaper
            addIfPresent(evidence, RedshiftAdvisor.compare(view, dim, true, "ALL", "it is small, rarely written and joined "
                    + Sql.num(joinsPerDay) + " times a day"));
            List<String> sql = dim.interleaved() ? DesignSql.deepCopy(dim, Map.of(), "DISTSTYLE ALL", DesignSql.currentSort(dim))
                    : List.of(DesignSql.distStyle(dim, "ALL"));
            return new FindingDraft(FindingCategory.DISTRIBUTION_DESIGN, movedPerDay / Math.max(1e-9, joinsPerDay) >= DesignWorkload.ALERT_ROWS
                    || joins.stream().anyMatch(j -> j.alertQueries > 0) ? Severity.WARNING : Severity.INFO, dim.ref(),
                    "Copy " + dim.qualifiedName() + " to every node (DISTSTYLE ALL)",
                    dim.qualifiedName() + " has " + Sql.num(dim.rows()) + " rows, is written " + Sql.num(writesPerDay)
                            + " times a day and joined about " + Sql.num(joinsPerDay) + " times a day (" + partners + ") to a"
                            + " side that is larger even after its filters (typically " + Sql.num(typicalOther) + " rows). With a"
                            + " full copy on every node those joins move nothing; the copy costs little at this size.",
                    evidence, new RecommendedAction("Distribute " + dim.qualifiedName() + " ALL", sql,
                            "ALL multiplies storage and every write by the number of nodes: keep it for small, slowly changing tables."),
                    new Benefit("rows moved per day by its joins (measured or estimated)", movedPerDay, "rows/day"), null);
        }
        if (DesignWorkload.distkey(dim) != null) return null; // frequently written and already KEY: leave it
        DesignWorkload.Join main = joins.stream().min(Comparator.<DesignWorkload.Join>comparingDouble(j -> j.queries).reversed()
                .thenComparing(DesignWorkload.Join::key)).orElseThrow();
        DesignWorkload.Col column = main.side(dim);
        KeySkew.Prediction p = predict(view, column, slices);
        if (p == null || p.skewRows() > d.distKeyMaxSkew()) return null;
        evidence.add(new Evidence("predicted_skew", finite(p.skewRows()), "ratio", d.distKeyMaxSkew(), column + ": " + p.describe()));
        addIfPresent(evidence, RedshiftAdvisor.compare(view, dim, true, "KEY(" + column.column() + ")",
                "it is written too often for ALL and " + column.column() + " spreads evenly"));
        return new FindingDraft(FindingCategory.DISTRIBUTION_DESIGN, Severity.INFO, dim.ref(),
                "Distribute " + dim.qualifiedName() + " on its join column " + column.column() + " rather than EVEN",
                dim.qualifiedName() + " is written " + Sql.num(writesPerDay) + " times a day, too often for a copy on every node,"
                        + " and joined on " + column.column() + " about " + Sql.num(joinsPerDay) + " times a day. Distributed on it,"
                        + " only the other side of those joins moves; " + p.describe() + ".",
                evidence, new RecommendedAction("Distribute " + dim.qualifiedName() + " on " + column.column(),
                        keyStatements(dim, column.column()), "ALTER DISTKEY rewrites the table in the background."),
                null, null);
    }

    private static double finite(double v) {
        return Double.isInfinite(v) ? 1e9 : v;
    }

    static void addIfPresent(List<Evidence> evidence, Evidence e) {
        if (e != null) evidence.add(e);
    }
}
