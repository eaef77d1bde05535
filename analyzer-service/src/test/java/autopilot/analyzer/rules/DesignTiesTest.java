package autopilot.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.model.ColumnProfile;
import autopilot.analyzer.model.DesignFacts;
import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.events.ClusterKind;
import autopilot.events.FindingCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Design advice on equally strong candidates is the same however the window's patterns are ordered: the order hours
 * were merged in (stored first or fresh first) depends on what earlier snapshots stored, and the same snapshot once
 * gave an interleaved key as (os, channel, browser) and once as (os, browser, channel).
 */
class DesignTiesTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    static TableState table(long id, String name, long rows, String... columns) {
        List<TableState.Column> cols = new ArrayList<>();
        for (String c : columns) cols.add(new TableState.Column(c, "integer", "az64", false, 0, true));
        return new TableState(id, "dev", "public", name, "EVEN", null, 0, false, rows / 100_000, null, 1.0, rows, rows, 1.0, null,
                true, null, 8, 0, rows / 8, rows / 8, cols, T0.minus(Duration.ofDays(100)), null, null, null, null);
    }

    static Workload.Pattern pattern(String hash, long queries, Set<String> joins, Set<String> filters, double distRows) {
        Workload.Pattern p = new Workload.Pattern();
        p.hash = hash;
        p.queries = queries;
        p.joins = joins == null ? null : new TreeSet<>(joins);
        p.filters = filters == null ? null : new TreeSet<>(filters);
        p.distRows = distRows;
        return p;
    }

    /** The window with its patterns in the given order. */
    static Workload window(List<Workload.Pattern> patterns) {
        Workload w = new Workload();
        patterns.forEach(p -> w.patterns.put(p.hash, p));
        return w;
    }

    static ClusterView view(List<TableState> tables, Workload window, Map<Long, Map<String, ColumnProfile>> profiles) {
        return new ClusterView("c1", ClusterKind.PROVISIONED, T0, tables, true, window, true, Duration.ofDays(1),
                TestThresholds.defaults(), Map.of(), new DesignFacts(profiles, List.of()));
    }

    /** Every order of the patterns, to show none of them decides. */
    static List<List<Workload.Pattern>> orders(List<Workload.Pattern> patterns) {
        List<List<Workload.Pattern>> orders = new ArrayList<>();
        orders.add(List.copyOf(patterns));
        List<Workload.Pattern> reversed = new ArrayList<>(patterns);
        Collections.reverse(reversed);
        orders.add(reversed);
        return orders;
    }

    static ColumnProfile even(long tableId, String column) {
        return new ColumnProfile(tableId, column, 20_000, 20_000, 20_000, 1L, null, T0.minus(Duration.ofHours(1)));
    }

    @Test
    void aFactTableJoinedAsHeavilyToTwoDimensionsIsDistributedOnTheSameOneWhateverTheOrderOfPatterns() {
        List<TableState> tables = List.of(table(1, "fact", 500_000_000L, "a_id", "b_id", "amount"),
                table(2, "dim_a", 5_000_000L, "a_id", "name"), table(3, "dim_b", 5_000_000L, "b_id", "name"));
        // Two patterns, each joining the fact to one dimension as often and moving as many rows: a tie.
        List<Workload.Pattern> patterns = List.of(
                pattern("p-b", 100, Set.of("public.dim_b.b_id=public.fact.b_id"), null, 100_000_000),
                pattern("p-a", 100, Set.of("public.dim_a.a_id=public.fact.a_id"), null, 100_000_000));
        Map<Long, Map<String, ColumnProfile>> profiles = Map.of(1L, Map.of("a_id", even(1, "a_id"), "b_id", even(1, "b_id")),
                2L, Map.of("a_id", even(2, "a_id")), 3L, Map.of("b_id", even(3, "b_id")));

        Set<String> titles = orders(patterns).stream()
                .map(order -> new DistributionDesignRule().evaluate(view(tables, window(order), profiles)).stream()
                        .filter(d -> d.category() == FindingCategory.DISTRIBUTION_DESIGN && d.subject().name().equals("fact"))
                        .map(FindingDraft::title).findFirst().orElseThrow())
                .collect(Collectors.toSet());

        // Of equal joins the first by name, public.fact.a_id = public.dim_a.a_id, every time.
        assertThat(titles).containsExactly("Distribute public.fact and public.dim_a on a_id (collocated join)");
    }

    @Test
    void anInterleavedKeyOrdersColumnsFilteredEquallyOftenByName() {
        List<TableState> tables = List.of(table(4, "sessions", 200_000_000L, "os", "channel", "browser", "duration"));
        // os in 80 of 100 filtering queries (no consistent prefix), channel and browser in 60 each: a tie.
        List<Workload.Pattern> patterns = List.of(
                pattern("s-1", 40, null, Set.of("public.sessions.os:EQUALITY", "public.sessions.channel:EQUALITY"), 0),
                pattern("s-2", 40, null, Set.of("public.sessions.os:EQUALITY", "public.sessions.browser:EQUALITY"), 0),
                pattern("s-3", 20, null, Set.of("public.sessions.channel:EQUALITY", "public.sessions.browser:IN_LIST"), 0));

        Set<String> titles = orders(patterns).stream()
                .map(order -> new SortKeyDesignRule().evaluate(view(tables, window(order), Map.of())).stream()
                        .filter(d -> d.subject().name().equals("sessions")).map(FindingDraft::title).findFirst().orElseThrow())
                .collect(Collectors.toSet());

        assertThat(titles).containsExactly("Sort public.sessions on INTERLEAVED (os, browser, channel)");
    }
}
