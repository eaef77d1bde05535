package autopilot.maintenance.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.events.AnalyzeSpec;
import autopilot.events.MaintenanceRequested;
import autopilot.events.MaintenanceSkipped.Code;
import autopilot.events.TableRef;
import autopilot.events.VacuumSpec;
import autopilot.events.VacuumSpec.Variant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecheckTest {

    private static final Instant NOW = Instant.parse("2026-11-05T02:30:00Z");
    private static final Recheck.Limits LIMITS = new Recheck.Limits(10, Duration.ofHours(1), 10, false, 100, Duration.ofMinutes(5));
    private static final Recheck.WindowSituation OPEN = new Recheck.WindowSituation(Instant.parse("2026-11-05T05:00:00Z"),
            Instant.parse("2026-11-06T02:00:00Z"), Duration.ofHours(3));

    /** 10,000 MB table, compound sort key. */
    private static TableState table(String name, Double unsorted, double statsOff, long rows, long visible) {
        return new TableState(42, "dev", "public", name, "EVEN", unsorted == null ? null : "order_date", 10_000, unsorted, statsOff,
                rows, visible);
    }

    private static MaintenanceRequested item(String name, VacuumSpec vacuum, AnalyzeSpec analyze) {
        return new MaintenanceRequested("w1", "d1", new TableRef("dev", "public", name, 42L), vacuum, analyze, 5, false,
                List.of(), "test", 10_000L);
    }

    private static Observation seen(TableState t) {
        return new Observation(t, false, null, null, 0, 0, null);
    }

    private static Decision decide(MaintenanceRequested item, Observation seen) {
        return Recheck.decide(item, seen, LIMITS, OPEN, NOW);
    }

    @Test
    void runsTheVariantWithItsThresholdThenAnalyze() {
        TableState t = table("orders", 30.0, 20, 1000, 1000);
        Decision d = decide(item("orders", new VacuumSpec(Variant.SORT_ONLY, 90, true), new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS)), seen(t));
        assertThat(d).isInstanceOfSatisfying(Decision.Run.class, run -> assertThat(run.statements()).containsExactly(
                "VACUUM SORT ONLY \"public\".\"orders\" TO 90 PERCENT", "ANALYZE \"public\".\"orders\" ALL COLUMNS"));
    }

    @Test
    void sortSkippedWhenTableAlreadySortedBeyondTheThreshold() {
        Decision d = decide(item("orders", new VacuumSpec(Variant.SORT_ONLY, null, false), null), seen(table("orders", 3.0, 0, 10, 10)));
        assertThat(d).isInstanceOfSatisfying(Decision.Skip.class, s -> {
            assertThat(s.code()).isEqualTo(Code.NO_LONGER_NEEDED);
            assertThat(s.reason()).contains("95 % threshold");
        });
    }

    @Test
    void tableWithoutSortKeyIsNeverSorted() {
        Decision d = decide(item("raw", new VacuumSpec(Variant.SORT_ONLY, 100, false), null), seen(table("raw", null, 0, 10, 10)));
        assertThat(d).isInstanceOfSatisfying(Decision.Skip.class, s -> assertThat(s.reason()).contains("no sort key"));
    }

    @Test
    void onlyAnalyzeRunsWhenTheVacuumIsNoLongerNeeded() {
        Decision d = decide(item("c", new VacuumSpec(Variant.FULL, null, false), new AnalyzeSpec(AnalyzeSpec.Columns.PREDICATE_COLUMNS)),
                seen(table("c", 1.0, 40, 100, 100)));
        assertThat(d).isInstanceOfSatisfying(Decision.Run.class, run -> assertThat(run.statements())
                .containsExactly("ANALYZE \"public\".\"c\" PREDICATE COLUMNS"));
    }

    @Test
    void recentAutomaticVacuumIsRespected() {
        Observation o = new Observation(table("audit", 25.0, 0, 10, 10), false, NOW.minus(Duration.ofMinutes(40)), null, 0, 0, null);
        assertThat(decide(item("audit", new VacuumSpec(Variant.SORT_ONLY, 80, false), null), o))
                .isInstanceOfSatisfying(Decision.Skip.class, s -> assertThat(s.code()).isEqualTo(Code.AUTOMATIC_MAINTENANCE_RAN));
    }

    @Test
    void runningVacuumQueuePressureAndLongTransactionsPostpone() {
        TableState t = table("events", 1.0, 0, 100, 70);
        MaintenanceRequested delete = item("events", new VacuumSpec(Variant.DELETE_ONLY, null, false), null);
        assertThat(decide(delete, new Observation(t, true, null, null, 0, 0, null)))
                .isInstanceOfSatisfying(Decision.Postpone.class, p -> {
                    assertThat(p.code()).isEqualTo(Code.VACUUM_ALREADY_RUNNING);
                    assertThat(p.until()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
                    assertThat(p.scope()).isEqualTo(Decision.Scope.CLUSTER);
                });
        assertThat(decide(delete, new Observation(t, false, null, null, 0, 12, null)))
                .isInstanceOfSatisfying(Decision.Postpone.class, p -> {
                    assertThat(p.reason()).contains("12 queries are queued");
                    assertThat(p.scope()).isEqualTo(Decision.Scope.CLUSTER);
                });
        assertThat(decide(delete, new Observation(t, false, null, null, 1, 0, null)))
                .isInstanceOfSatisfying(Decision.Postpone.class, p -> {
                    assertThat(p.reason()).contains("long open transaction");
                    assertThat(p.scope()).as("only delete phases wait for it").isEqualTo(Decision.Scope.ITEM);
                });
    }

    @Test
    void runThatWouldNotEndInTheWindowWaitsForTheNextOpeningOrIsSkippedIfNoWindowFits() {
        MaintenanceRequested sort = item("big", new VacuumSpec(Variant.SORT_ONLY, 95, false), null);
        // 60 % of 10,000 MB at 0.6 MB/s = 10,000 s: fits a 3 h window (10,800 s), not the 2.5 h (9,000 s) left.
        Decision late = decide(sort, new Observation(table("big", 60.0, 0, 10, 10), false, null, null, 0, 0, 0.6));
        assertThat(late).isInstanceOfSatisfying(Decision.Postpone.class, p -> {
            assertThat(p.code()).isEqualTo(Code.WOULD_NOT_FINISH_IN_WINDOW);
            assertThat(p.until()).isEqualTo(OPEN.nextOpening());
            assertThat(p.scope()).as("smaller items may still fit").isEqualTo(Decision.Scope.ITEM);
        });
        Decision never = decide(sort, new Observation(table("big", 60.0, 0, 10, 10), false, null, null, 0, 0, 0.1));
        assertThat(never).isInstanceOfSatisfying(Decision.Skip.class, s -> assertThat(s.code()).isEqualTo(Code.WOULD_NOT_FINISH_IN_WINDOW));
    }

    @Test
    void hostileNameIsQuotedAsOneIdentifier() {
        String hostile = "x\"; DROP TABLE y; --";
        Decision d = decide(item(hostile, new VacuumSpec(Variant.FULL, 90, false), null), seen(table(hostile, 50.0, 0, 10, 10)));
        assertThat(d).isInstanceOfSatisfying(Decision.Run.class, run -> assertThat(run.statements())
                .containsExactly("VACUUM FULL \"public\".\"x\"\"; DROP TABLE y; --\" TO 90 PERCENT"));
        assertThat(decide(item(hostile, new VacuumSpec(Variant.FULL, 90, false), null), seen(null)))
                .isInstanceOfSatisfying(Decision.Skip.class, s -> assertThat(s.code()).isEqualTo(Code.TABLE_NOT_FOUND));
    }

    @Test
    void boostOnlyWhenConfiguredAndInsideTheWindow() {
        MaintenanceRequested boosted = item("orders", new VacuumSpec(Variant.SORT_ONLY, 90, true), null);
        TableState t = table("orders", 30.0, 0, 10, 10);
        Recheck.Limits boost = new Recheck.Limits(10, Duration.ofHours(1), 10, true, 100, Duration.ofMinutes(5));
        assertThat(((Decision.Run) Recheck.decide(boosted, seen(t), boost, OPEN, NOW)).statements().get(0)).endsWith(" BOOST");
        assertThat(((Decision.Run) Recheck.decide(boosted, seen(t), LIMITS, OPEN, NOW)).statements().get(0)).doesNotContain("BOOST");
        Recheck.WindowSituation urgent = new Recheck.WindowSituation(null, OPEN.nextOpening(), OPEN.length());
        assertThat(((Decision.Run) Recheck.decide(boosted, seen(t), boost, urgent, NOW)).statements().get(0)).doesNotContain("BOOST");
    }

    @Test
    void itemsRedshiftWouldRefuseAreInvalid() {
        assertThatThrownBy(() -> WorkItems.validate(item("t", new VacuumSpec(Variant.REINDEX, 50, false), null)))
                .hasMessageContaining("does not accept TO n PERCENT");
        assertThatThrownBy(() -> WorkItems.validate(item("t", null, null))).hasMessageContaining("neither VACUUM nor ANALYZE");
        MaintenanceRequested elsewhere = new MaintenanceRequested("w1", "d1", new TableRef("dev/x?y", "public", "t", 42L), null,
                new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 5, false, List.of(), "test", 10_000L);
        assertThatThrownBy(() -> WorkItems.validate(elsewhere)).hasMessageContaining("cannot be connected to by name");
    }
}
