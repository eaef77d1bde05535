package autopilot.analyzer.rules;

import autopilot.analyzer.model.Samples;
import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.events.ClusterKind;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wildcard scans and AQUA, per table. LIKE '%...' and SIMILAR TO cannot use zone maps, so every
 * such scan reads the whole column. Where AQUA served them (scan type 35) the cluster's own
 * timings give what AQUA costs and saves: the first touch (AQUA copies the table from managed
 * storage before its first scan), the steady-state scan against normal scans of the same table on
 * the cluster, and the number of queries after which the first touch is paid back. A DISTINCT over
 * a wildcard filter cannot be pushed down into AQUA: every matching row comes back. Informational:
 * AQUA can no longer be switched off, so the advice is about predicates that avoid full scans.
 *
 * <p>Three things are each a finding on their own, whatever the number of wildcard scans: a first
 * touch, a DISTINCT AQUA could not push down (one such query returning millions of rows is worth
 * knowing even if it ran once), and AQUA costing more than it saved over the window (the day's
 * wildcard queries fewer than the break-even). The first evidence compared with a threshold is
 * the reason the finding was raised, so that the lifecycle's "back within" on resolve is true.
 */
public final class WildcardScanRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.WILDCARD_SCAN);
    }

    /**
     * What the scans of one table show about AQUA; NaN where the data cannot tell.
     *
     * @param first          seconds of the first AQUA scan, NaN without AQUA scans
     * @param steady         median seconds of the later AQUA scans
     * @param cluster        median seconds of the comparable scans on the cluster
     * @param clusterBasis   which scans {@code cluster} comes from, null when none
     * @param firstTouch     whether the first AQUA scan was markedly slower than the steady state
     * @param firstTouchCost the first touch's extra time over a steady-state AQUA scan (AQUA copying the table)
     * @param saving         what a steady-state AQUA scan saves against the cluster, per query
     * @param breakEven      queries (the first included) after which AQUA has saved its first touch; 0 when unknown
     * @param breakEvenAtLeast with a single AQUA scan slower than the cluster (no steady state known), the fewest
     *                       queries that could pay it back: AQUA scans in no less than 0 s, so at least
     *                       first / cluster of them; 0 otherwise
     */
    record Aqua(long scans, double first, double steady, double cluster, String clusterBasis, boolean firstTouch,
                double firstTouchCost, double saving, long breakEven, long breakEvenAtLeast) {

        static Aqua of(Workload.TableUsage usage, Thresholds t) {
            long scans = (usage.firstAquaSeconds == null ? 0 : 1) + usage.aquaSeconds.count();
            double first = usage.firstAquaSeconds == null ? Double.NaN : usage.firstAquaSeconds;
            double steady = usage.aquaSeconds.median();
            Samples basis = usage.wildcardClusterSeconds.count() > 0 ? usage.wildcardClusterSeconds : usage.fullScanSeconds;
            double cluster = basis.median();
            String clusterBasis = basis.count() == 0 ? null : basis == usage.wildcardClusterSeconds
                    ? "wildcard scans the cluster ran itself" : "full scans of the table on the cluster (no wildcard)";
            boolean firstTouch = !Double.isNaN(first) && !Double.isNaN(steady) && first >= t.wildcard().aquaFirstTouchFactor() * steady;
            double cost = firstTouch ? first - steady : Double.NaN;
            double saving = cluster - steady;
            long breakEven = firstTouch && saving > 0 ? (long) Math.ceil(cost / saving) : 0;
            long atLeast = Double.isNaN(steady) && !Double.isNaN(first) && cluster > 0 && first > cluster
                    ? (long) Math.ceil(first / cluster) : 0;
            return new Aqua(scans, first, steady, cluster, clusterBasis, firstTouch, cost, saving, breakEven, atLeast);
        }

        boolean served() {
            return scans > 0;
        }

        /** Seconds AQUA saved over the window against the cluster scanning the same queries; NaN when unknown. */
        double netSaving() {
            if (!served() || Double.isNaN(cluster)) return Double.NaN;
            double steadyTotal = Double.isNaN(steady) ? 0 : steady * (scans - 1);
            return scans * cluster - (first + steadyTotal);
        }

        /** AQUA took longer over the window than the cluster would have: its first touch was not paid back. */
        boolean notPaidBack() {
            return served() && netSaving() < 0;
        }
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        Map<Long, TableState> known = view.tablesById();
        List<FindingDraft> drafts = new ArrayList<>();
        for (Workload.TableUsage usage : view.workload().tables.values()) {
            Aqua aqua = Aqua.of(usage, t);
            if (usage.wildcardScans == 0 && !aqua.served()) continue;
            // Few wildcard scans are ad-hoc searches, unless AQUA made them costly: a first touch, a DISTINCT it could
            // not push down, or a first touch the day's queries did not pay back.
            if (usage.wildcardScans < t.wildcard().minScans() && !aqua.firstTouch() && !unpushed(usage, t) && !aqua.notPaidBack()) {
                continue;
            }
            drafts.add(draft(view, known.get(usage.tableId), usage, aqua, Subjects.table(known, usage)));
        }
        return drafts;
    }

    private static FindingDraft draft(ClusterView view, TableState table, Workload.TableUsage usage, Aqua aqua, ObjectRef subject) {
        Thresholds t = view.thresholds();
        String name = table != null ? table.qualifiedName() : subject.name();
        boolean unpushed = unpushed(usage, t);
        List<Evidence> evidence = new ArrayList<>();
        if (aqua.notPaidBack()) {
            // The headline: seconds AQUA cost over what the cluster would have taken for the same queries.
            evidence.add(Evidence.measured("aqua_seconds_lost", -aqua.netSaving(), "s", 0.0));
        } else if (unpushed) {
            evidence.add(Evidence.measured("aqua_distinct_rows", usage.aquaDistinctRowsMax, "rows", (double) t.wildcard().aquaUnpushedMinRows()));
        }
        evidence.add(Evidence.measured("wildcard_scans", usage.wildcardScans, "scans", (double) t.wildcard().minScans()));
        evidence.add(Evidence.measured("aqua_scans", aqua.scans(), "scans", null));
        if (aqua.served()) {
            evidence.add(Evidence.measured("first_aqua_scan", aqua.first(), "s",
                    Double.isNaN(aqua.steady()) ? null : t.wildcard().aquaFirstTouchFactor() * aqua.steady()));
            if (usage.firstAquaStart != null) evidence.add(Evidence.text("first_aqua_scan_start", usage.firstAquaStart.toString()));
        }
        if (!Double.isNaN(aqua.steady())) evidence.add(Evidence.measured("steady_aqua_scan", aqua.steady(), "s", null));
        if (!Double.isNaN(aqua.cluster())) {
            evidence.add(new Evidence("cluster_scan", aqua.cluster(), "s", null, aqua.clusterBasis()));
        }
        if (aqua.firstTouch()) evidence.add(Evidence.measured("aqua_first_touch_cost", aqua.firstTouchCost(), "s", null));
        if (aqua.served() && !Double.isNaN(aqua.saving())) {
            evidence.add(Evidence.measured("aqua_saving_per_scan", aqua.saving(), "s", null));
        }
        if (aqua.breakEven() > 0) evidence.add(Evidence.measured("aqua_break_even_queries", aqua.breakEven(), "queries", null));
        if (aqua.breakEvenAtLeast() > 0) {
            evidence.add(Evidence.measured("aqua_break_even_queries_at_least", aqua.breakEvenAtLeast(), "queries", null));
        }
        if (!Double.isNaN(aqua.netSaving())) evidence.add(Evidence.measured("aqua_net_saving", aqua.netSaving(), "s", null));
        if (usage.aquaDistinctScans > 0) {
            if (!unpushed || aqua.notPaidBack()) {
                evidence.add(Evidence.measured("aqua_distinct_rows", usage.aquaDistinctRowsMax, "rows", (double) t.wildcard().aquaUnpushedMinRows()));
            }
            if (usage.aquaRowsScans > 0) {
                evidence.add(Evidence.measured("aqua_rows_per_pushed_down_scan", usage.aquaRowsReturned / usage.aquaRowsScans,
                        "rows", null));
            }
        }
        return new FindingDraft(FindingCategory.WILDCARD_SCAN, Severity.INFO, subject, title(name, usage, aqua, unpushed, view),
                explanation(name, table, usage, aqua, unpushed), evidence, action(view.kind(), table, usage, unpushed), null, null);
    }

    /** A DISTINCT over a wildcard filter that AQUA served and could not push down: it returned every matching row. */
    private static boolean unpushed(Workload.TableUsage usage, Thresholds t) {
        return usage.aquaDistinctScans > 0 && usage.aquaDistinctRowsMax >= t.wildcard().aquaUnpushedMinRows();
    }

    private static String title(String name, Workload.TableUsage usage, Aqua aqua, boolean unpushed, ClusterView view) {
        String title;
        if (aqua.notPaidBack()) {
            String breakEven = aqua.breakEven() > 0 ? "break-even " + aqua.breakEven()
                    : aqua.breakEvenAtLeast() > 0 ? "break-even at least " + aqua.breakEvenAtLeast() : "no break-even";
            title = name + ": AQUA costs more than it saves: " + aqua.scans() + " wildcard queries served by AQUA in "
                    + window(view) + ", " + breakEven + ", " + s(-aqua.netSaving()) + " lost";
        } else if (aqua.firstTouch() && aqua.breakEven() > 0) {
            title = name + ": AQUA's first touch cost " + s(aqua.firstTouchCost()) + ", then " + s(aqua.steady()) + " per scan against "
                    + s(aqua.cluster()) + " on the cluster: paid back after " + aqua.breakEven() + " queries";
        } else if (aqua.served() && !Double.isNaN(aqua.steady()) && !Double.isNaN(aqua.cluster())) {
            title = name + ": AQUA serves " + aqua.scans() + " wildcard scans in " + s(aqua.steady()) + " against "
                    + s(aqua.cluster()) + " on the cluster";
        } else if (aqua.served()) {
            title = name + ": " + aqua.scans() + " wildcard scans served by AQUA" + (aqua.firstTouch()
                    ? ", the first touch cost " + s(aqua.firstTouchCost()) : "");
        } else if (usage.wildcardScans == 0 && unpushed) {
            title = name + ": " + aqua.scans() + " AQUA scans";
        } else {
            title = name + ": " + usage.wildcardScans + " wildcard scans read the whole table";
        }
        return title + (unpushed ? "; DISTINCT not pushed down" : "");
    }

    private static String explanation(String name, TableState table, Workload.TableUsage usage, Aqua aqua, boolean unpushed) {
        StringBuilder x = new StringBuilder("LIKE with a leading wildcard and SIMILAR TO cannot use zone maps, so each of the "
                + usage.wildcardScans + " wildcard scans of " + name + " read every block of the column.");
        if (!aqua.served()) {
            if (!Double.isNaN(aqua.cluster())) x.append(" On the cluster they took ").append(s(aqua.cluster())).append(" (median).");
            return x.toString();
        }
        x.append(" Redshift routed ").append(aqua.scans()).append(" of them to AQUA.");
        if (aqua.firstTouch()) {
            x.append(" The first one took ").append(s(aqua.first())).append(": before its first scan of a table AQUA copies it"
                    + " from managed storage, which cost ").append(s(aqua.firstTouchCost())).append(" over a normal AQUA scan.");
        } else if (!Double.isNaN(aqua.steady())) {
            x.append(" The first AQUA scan (").append(s(aqua.first())).append(") was not markedly slower than the later ones, so"
                    + " AQUA already held the table when the window began.");
        } else {
            x.append(" There was only one AQUA scan (").append(s(aqua.first())).append("), so its steady state is not known yet.");
            if (aqua.breakEvenAtLeast() > 0) {
                x.append(" It took longer than the cluster's ").append(s(aqua.cluster())).append(" (").append(aqua.clusterBasis())
                        .append("), so it cost ").append(s(-aqua.netSaving())).append(" more than it saved; even if AQUA scanned"
                                + " in no time afterwards, it would take at least ").append(aqua.breakEvenAtLeast())
                        .append(" such queries to pay that back.");
            }
        }
        if (!Double.isNaN(aqua.steady()) && !Double.isNaN(aqua.cluster())) {
            x.append(" Afterwards AQUA scanned in ").append(s(aqua.steady())).append(" (median) against ").append(s(aqua.cluster()))
                    .append(" for ").append(aqua.clusterBasis()).append(aqua.saving() > 0
                            ? ", saving " + s(aqua.saving()) + " per query." : ": AQUA is not faster here.");
            if (aqua.breakEven() > 0) {
                x.append(" It takes ").append(aqua.breakEven()).append(" such queries before the first touch is paid back; ")
                        .append(aqua.scans() >= aqua.breakEven() ? "the window had " + aqua.scans() + " AQUA scans, so AQUA came out ahead."
                                : "the window had only " + aqua.scans() + " AQUA scans, so AQUA made them slower overall.");
            }
        } else if (Double.isNaN(aqua.cluster())) {
            x.append(" The cluster did not scan this table in full in the window, so AQUA's saving cannot be compared.");
        }
        if (unpushed) {
            x.append(" A DISTINCT over a wildcard filter cannot be pushed down into AQUA (its processors do not talk to each"
                    + " other): an AQUA scan returned ").append(Math.round(usage.aquaDistinctRowsMax)).append(" rows to the cluster");
            if (usage.aquaRowsScans > 0) {
                x.append(", where aggregating queries got ").append(Math.round(usage.aquaRowsReturned / usage.aquaRowsScans))
                        .append(" per scan");
            }
            if (table != null && table.rows() > 0) {
                x.append(" (").append(Sql.pct(100 * usage.aquaDistinctRowsMax / table.rows())).append(" % of the table's rows)");
            }
            x.append(".");
        }
        x.append(" AQUA can no longer be switched off: Redshift decides, so this is for information.");
        return x.toString();
    }

    private static RecommendedAction action(ClusterKind kind, TableState table, Workload.TableUsage usage, boolean unpushed) {
        String sortKey = table != null && table.hasSortKey() ? table.sortkey1() : null;
        String summary = sortKey != null
                ? "Narrow wildcard searches on " + table.qualifiedName() + " with a filter on its sort key " + sortKey
                + " so zone maps skip blocks before the LIKE runs"
                : "Narrow wildcard searches with a filter zone maps can use (a range on the sort key), or search a derived column";
        String check = kind == ClusterKind.SERVERLESS
                ? "SELECT query_id, step_name, duration, input_rows, output_rows FROM sys_query_detail WHERE table_id = "
                + usage.tableId + " AND trim(step_name) = 'scan' ORDER BY start_time;"
                : "SELECT query, type, starttime, endtime, rows, bytes FROM stl_scan WHERE tbl = " + usage.tableId
                + " AND type IN (2, 35) ORDER BY starttime;";
        String runbook = "A pattern without a leading wildcard (LIKE 'abc%') can use zone maps; for substrings searched again"
                + " and again, derive a column at load time (a flag or category) and filter on it by equality."
                + (unpushed ? " Write SELECT DISTINCT c ... WHERE c LIKE '%x%' as SELECT c ... WHERE c LIKE '%x%' GROUP BY c:"
                + " the AQUA investigation saw GROUP BY aggregated inside AQUA where DISTINCT was not; check the AQUA scan's"
                + " rows afterwards." : "")
                + " The check query lists the table's scans: type 35 is AQUA, 2 the cluster.";
        return new RecommendedAction(summary, List.of(check), runbook);
    }

    /** The workload window as the title says it: "the last day" for the default. */
    private static String window(ClusterView view) {
        long hours = view.workloadWindow().toHours();
        return hours == 24 ? "the last day" : hours % 24 == 0 ? "the last " + hours / 24 + " days" : "the last " + hours + " h";
    }

    private static String s(double seconds) {
        return Sql.num(seconds) + " s";
    }
}
