package autopilot.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.lifecycle.Transition;
import autopilot.analyzer.model.Workload;
import autopilot.analyzer.rules.TestThresholds;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.ClusterKind;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A finding keeps one identity whatever sources a snapshot carries: the collector reads workload every few minutes and
 * the catalog (SVV_TABLE_INFO) less often, so a table's wildcard scans are first seen under STL_SCAN's bare name.
 */
class FindingIdentityTest {

    static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    static final long TICKETS = 42;
    final Pipeline pipeline = new Pipeline(TestThresholds.defaults(), t -> false);

    /** Wildcard queries of support_tickets that the cluster scanned in full, ending at the given times. */
    static SnapshotBuilder wildcardScans(Instant collectedAt, long firstQuery, Instant... ends) {
        SnapshotBuilder b = SnapshotBuilder.of("c1", ClusterKind.PROVISIONED, collectedAt);
        b.source(SnapshotData.QUERIES, SnapshotBuilder.QUERIES);
        long q = firstQuery;
        for (Instant end : ends) {
            Instant start = end.minusSeconds(10);
            b.row(q++, 100, 1, 1, "", "dev", start, end, 0, 0, 6, "Default queue", 1, start, start, 0, 10_000_000,
                    "select count(*) from support_tickets where body like '%refund%'");
        }
        b.source(SnapshotData.SCANS, SnapshotBuilder.SCANS);
        q = firstQuery;
        for (Instant end : ends) {
            b.row(q++, TICKETS, "support_tickets", 2, 4, 10, 10, 10, 1000, end.minusSeconds(10), end.minusSeconds(1), 0);
        }
        return b;
    }

    static SnapshotBuilder withCatalog(SnapshotBuilder b) {
        return b.source(SnapshotData.TABLE_INFO, SnapshotBuilder.TABLE_INFO).row("dev", "sales", TICKETS, "support_tickets",
                "Y", "EVEN", "opened_at", 256, "az64", 1, 10_000, 1.0, 0.0, 0.0, 450_000_000L, null, 1.0, 450_000_000L, 0.0,
                T0.minus(Duration.ofDays(30)));
    }

    @Test
    void aWorkloadOnlySnapshotThenAFullOneKeepOneWildcardFinding() {
        Instant first = T0.plus(Duration.ofMinutes(30));
        SnapshotData workloadOnly = wildcardScans(first, 1, T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180)).build();
        Outcome one = pipeline.run(workloadOnly, PriorState.empty(), first);

        List<Transition> raised = of(one, FindingCategory.WILDCARD_SCAN);
        assertThat(raised).hasSize(1).allSatisfy(t -> assertThat(t).isInstanceOf(Transition.Raised.class));
        Finding before = raised.get(0).finding();
        assertThat(before.subject().schema()).isNull(); // no catalog yet: STL_SCAN's name

        Instant second = T0.plus(Duration.ofHours(1));
        SnapshotData full = withCatalog(wildcardScans(second, 10, T0.plusSeconds(2400))).build();
        Map<String, Finding> open = new HashMap<>();
        one.transitions().forEach(t -> open.put(t.finding().fingerprint(), t.finding()));
        PriorState prior = new PriorState(List.of(), new HashMap<Instant, Workload>(one.workloadHours()), Map.of(), open,
                Map.of(), T0.plusSeconds(180));
        Outcome two = pipeline.run(full, prior, second);

        List<Transition> after = of(two, FindingCategory.WILDCARD_SCAN);
        // No false resolve, no second raise: the same finding, now named by the catalog.
        assertThat(two.transitions()).noneMatch(t -> t instanceof Transition.Resolved || t instanceof Transition.Raised);
        assertThat(after).hasSize(1).allSatisfy(t -> assertThat(t).isInstanceOf(Transition.Updated.class));
        Finding now = after.get(0).finding();
        assertThat(now.fingerprint()).isEqualTo(before.fingerprint());
        assertThat(now.firstSeen()).isEqualTo(before.firstSeen());
        assertThat(now.subject()).isEqualTo(new ObjectRef(ObjectRef.Kind.TABLE, "support_tickets", "dev", "sales", TICKETS));
        assertThat(now.title()).startsWith("sales.support_tickets: 4 wildcard scans");

        // A later workload-only snapshot whose prior catalog is lost does not take the schema away again.
        Map<String, Finding> open2 = new HashMap<>();
        two.transitions().forEach(t -> open2.put(t.finding().fingerprint(), t.finding()));
        Instant third = T0.plus(Duration.ofMinutes(90));
        Map<Instant, Workload> hours = new HashMap<>(one.workloadHours());
        two.workloadHours().forEach((h, w) -> hours.merge(h, w, (a, b) -> new Workload().add(a).add(b)));
        Outcome three = pipeline.run(wildcardScans(third, 20, T0.plusSeconds(4800)).build(),
                new PriorState(List.of(), hours, Map.of(), open2, Map.of(), T0.plusSeconds(2400)), third);
        List<Transition> later = of(three, FindingCategory.WILDCARD_SCAN);
        assertThat(three.transitions()).noneMatch(t -> t instanceof Transition.Resolved || t instanceof Transition.Raised);
        assertThat(later).hasSize(1);
        assertThat(later.get(0).finding().fingerprint()).isEqualTo(before.fingerprint());
        assertThat(later.get(0).finding().subject().schema()).isEqualTo("sales");
    }

    private static List<Transition> of(Outcome outcome, FindingCategory category) {
        List<Transition> found = new ArrayList<>();
        outcome.transitions().forEach(t -> {
            if (t.finding().category() == category) found.add(t);
        });
        return found;
    }
}
