package autopilot.analyzer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.rules.FindingDraft;
import autopilot.events.Evidence;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    static final Instant T1 = Instant.parse("2026-11-24T01:00:00Z");
    static final Instant T2 = T1.plusSeconds(900);
    static final ObjectRef SALES = new ObjectRef(ObjectRef.Kind.TABLE, "sales", "dev", "public", 7L);

    static FindingDraft draft(Severity severity, String title) {
        return draft(severity, title, 63);
    }

    static FindingDraft draft(Severity severity, String title, double unsorted) {
        return new FindingDraft(FindingCategory.UNSORTED_REGION, severity, SALES, title, "why",
                List.of(Evidence.measured("unsorted_pct", unsorted, "%", 20.0)), null, null, null);
    }

    static Finding open(Severity severity, String title) {
        Transition t = Lifecycle.apply("c1", Map.of(), List.of(draft(severity, title)), Set.of(FindingCategory.UNSORTED_REGION),
                T1, UUID.randomUUID()).get(0);
        return t.finding();
    }

    @Test
    void raisedOnceWithAStableFingerprint() {
        List<Transition> t = Lifecycle.apply("c1", Map.of(), List.of(draft(Severity.WARNING, "63%")), Set.of(), T1, null);
        assertThat(t).singleElement().isInstanceOf(Transition.Raised.class);
        assertThat(t.get(0).finding().fingerprint()).isEqualTo("c1/unsorted_region/table:dev.public.sales");
        assertThat(t.get(0).finding().firstSeen()).isEqualTo(T1);
    }

    @Test
    void sameConditionAgainIsASilentRefreshKeepingFirstSeen() {
        Finding before = open(Severity.WARNING, "63%");
        List<Transition> t = Lifecycle.apply("c1", Map.of(before.fingerprint(), before), List.of(draft(Severity.WARNING, "63%")),
                Set.of(FindingCategory.UNSORTED_REGION), T2, null);
        assertThat(t).singleElement().isInstanceOf(Transition.Refreshed.class);
        assertThat(t.get(0).finding().firstSeen()).isEqualTo(T1);
        assertThat(t.get(0).finding().lastSeen()).isEqualTo(T2);
    }

    @Test
    void severityChangeIsAnUpdateWithThePreviousSeverity() {
        Finding before = open(Severity.WARNING, "63%");
        List<Transition> t = Lifecycle.apply("c1", Map.of(before.fingerprint(), before), List.of(draft(Severity.CRITICAL, "63%")),
                Set.of(FindingCategory.UNSORTED_REGION), T2, null);
        assertThat(t).singleElement().isInstanceOfSatisfying(Transition.Updated.class,
                u -> assertThat(u.previousSeverity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void aHeadlineMeasurementMovingMoreThanTenPercentIsAnUpdateSmallDriftIsNot() {
        Finding before = open(Severity.WARNING, "63%");
        Map<String, Finding> open = Map.of(before.fingerprint(), before);
        Set<FindingCategory> evaluated = Set.of(FindingCategory.UNSORTED_REGION);
        assertThat(Lifecycle.apply("c1", open, List.of(draft(Severity.WARNING, "65%", 65)), evaluated, T2, null))
                .singleElement().isInstanceOf(Transition.Refreshed.class);
        assertThat(Lifecycle.apply("c1", open, List.of(draft(Severity.WARNING, "80%", 80)), evaluated, T2, null))
                .singleElement().isInstanceOf(Transition.Updated.class);
    }

    @Test
    void resolvedOnlyWhenItsCategoryWasEvaluated() {
        Finding before = open(Severity.WARNING, "63%");
        assertThat(Lifecycle.apply("c1", Map.of(before.fingerprint(), before), List.of(), Set.of(FindingCategory.WLM_QUEUE_WAIT), T2, null))
                .isEmpty();
        List<Transition> t = Lifecycle.apply("c1", Map.of(before.fingerprint(), before), List.of(),
                Set.of(FindingCategory.UNSORTED_REGION), T2, null);
        assertThat(t).singleElement().isInstanceOfSatisfying(Transition.Resolved.class,
                r -> assertThat(r.reason()).contains("unsorted_pct is back within 20 %"));
    }
}
