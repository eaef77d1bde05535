package autopilot.analyzer.work;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.model.TableState;
import autopilot.analyzer.rules.FindingDraft;
import autopilot.analyzer.rules.TestThresholds;
import autopilot.analyzer.rules.Thresholds;
import autopilot.analyzer.rules.WorkNeed;
import autopilot.events.AnalyzeSpec;
import autopilot.events.FindingCategory;
import autopilot.events.MaintenanceRequested;
import autopilot.events.Severity;
import autopilot.events.VacuumSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkPlannerTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    final Thresholds t = TestThresholds.defaults();

    static TableState table(long id, String name, Instant autoVacuum, Instant autoAnalyze) {
        return new TableState(id, "dev", "public", name, "EVEN", "ts", 1, false, 1000, 50.0, 20.0, 1000, 1000L, 1.0, 30.0, true,
                256, 4, 0, 250L, 250L, List.of(), null, autoVacuum, autoVacuum, autoAnalyze, autoAnalyze);
    }

    static FindingDraft need(FindingCategory category, TableState table, Integer sortBelow, Integer reclaimBelow, boolean analyze,
                             double priority) {
        return new FindingDraft(category, Severity.WARNING, table.ref(), "t", "e", List.of(), null, null,
                new WorkNeed(table, sortBelow, reclaimBelow, false, analyze, priority, category.name()));
    }

    private List<MaintenanceRequested> plan(FindingDraft... drafts) {
        return WorkPlanner.plan("c1", List.of(drafts), Map.of(), x -> false, NOW, t).items();
    }

    @Test
    void unsortedAloneIsSortOnlyThenAnalyze() {
        TableState s = table(1, "sales", null, null);
        MaintenanceRequested item = plan(need(FindingCategory.UNSORTED_REGION, s, 80, null, true, 5)).get(0);
        assertThat(item.vacuum()).isEqualTo(new VacuumSpec(VacuumSpec.Variant.SORT_ONLY, 80, false));
        assertThat(item.analyze()).isEqualTo(new AnalyzeSpec(AnalyzeSpec.Columns.PREDICATE_COLUMNS));
    }

    @Test
    void ghostRowsOnASortedTableAreDeleteOnlyAndBothTogetherAreFull() {
        TableState s = table(1, "sales", null, null);
        assertThat(plan(need(FindingCategory.GHOST_ROWS, s, null, 80, false, 1)).get(0).vacuum().variant())
                .isEqualTo(VacuumSpec.Variant.DELETE_ONLY);
        MaintenanceRequested both = plan(need(FindingCategory.UNSORTED_REGION, s, 80, null, true, 1),
                need(FindingCategory.GHOST_ROWS, s, null, 80, false, 1)).get(0);
        assertThat(both.vacuum()).isEqualTo(new VacuumSpec(VacuumSpec.Variant.FULL, 80, false));
        assertThat(both.analyze()).isNotNull(); // ANALYZE follows every VACUUM
        assertThat(both.fingerprints()).hasSize(2);
    }

    @Test
    void staleStatisticsAloneIsAnalyzeOnly() {
        MaintenanceRequested item = plan(need(FindingCategory.STALE_STATISTICS, table(1, "sales", null, null), null, null, true, 1)).get(0);
        assertThat(item.vacuum()).isNull();
        assertThat(item.analyze()).isNotNull();
    }

    @Test
    void recentAutomaticMaintenanceDeniedTablesAndPendingWorkAreLeftOut() {
        TableState auto = table(1, "auto", NOW.minusSeconds(3600), NOW.minusSeconds(3600));
        WorkPlanner.Plan p = WorkPlanner.plan("c1", List.of(need(FindingCategory.UNSORTED_REGION, auto, 80, null, true, 1)), Map.of(),
                x -> false, NOW, t);
        assertThat(p.items()).isEmpty();
        assertThat(p.skipped()).extracting(WorkPlanner.Skip::reason).anyMatch(r -> r.contains("automatic VACUUM"));

        TableState denied = table(2, "denied", null, null);
        assertThat(WorkPlanner.plan("c1", List.of(need(FindingCategory.UNSORTED_REGION, denied, 80, null, true, 1)), Map.of(),
                x -> x.name().equals("denied"), NOW, t).items()).isEmpty();

        TableState pending = table(3, "pending", null, null);
        FindingDraft d = need(FindingCategory.UNSORTED_REGION, pending, 80, null, true, 1);
        String dedup = plan(d).get(0).deduplicationId();
        assertThat(WorkPlanner.plan("c1", List.of(d), Map.of(dedup, NOW.minusSeconds(600)), x -> false, NOW, t).items()).isEmpty();
        assertThat(WorkPlanner.plan("c1", List.of(d), Map.of(dedup, NOW.minus(t.work().repeatAfter()).minusSeconds(1)), x -> false, NOW, t)
                .items()).hasSize(1);
    }

    @Test
    void prioritisedByExpectedBenefitWithStableDeduplicationIds() {
        List<MaintenanceRequested> items = plan(need(FindingCategory.UNSORTED_REGION, table(1, "small", null, null), 80, null, true, 2),
                need(FindingCategory.UNSORTED_REGION, table(2, "big", null, null), 80, null, true, 50));
        assertThat(items).extracting(i -> i.table().table()).containsExactly("big", "small");
        assertThat(plan(need(FindingCategory.UNSORTED_REGION, table(2, "big", null, null), 80, null, true, 50)).get(0).deduplicationId())
                .isEqualTo(items.get(0).deduplicationId());
    }
}
