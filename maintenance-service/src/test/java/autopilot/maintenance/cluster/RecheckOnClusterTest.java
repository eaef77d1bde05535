package autopilot.maintenance.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.AnalyzeSpec;
import autopilot.events.MaintenanceRequested;
import autopilot.events.MaintenanceSkipped;
import autopilot.events.TableRef;
import autopilot.events.VacuumSpec;
import autopilot.maintenance.plan.Decision;
import autopilot.maintenance.plan.Recheck;
import autopilot.maintenance.plan.TableState;
import autopilot.redshift.ClusterLogin;
import autopilot.redshift.RedshiftDriver;
import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The re-check decides as Redshift will act, on what a provisioned cluster shows. */
class RecheckOnClusterTest {

    private static SimCluster sim;
    private static final Instant NOW = Instant.now();

    @BeforeAll
    static void start() throws Exception {
        String yaml = """
                name: recheck
                cluster: {nodeType: ra3.xlplus, nodes: 1, slicesPerNode: 2}
                database: dev
                users: [{name: admin, password: Admin-pass1, superuser: true}]
                tables:
                  - {schema: public, name: pending, rows: 1000000, sortkey: {type: AUTO}, columns: [{name: id, type: BIGINT}]}
                  - {schema: public, name: chosen, rows: 1000000, unsortedPct: 40, sortkey: {type: AUTO, columns: [id]},
                     columns: [{name: id, type: BIGINT}]}
                  - {schema: public, name: stale, rows: 1000000, statsOffPct: 40, modifiedPct: 1, columns: [{name: id, type: BIGINT}]}
                  - {schema: public, name: changed, rows: 1000000, statsOffPct: 1, modifiedPct: 30, columns: [{name: id, type: BIGINT}]}
                """;
        sim = SimCluster.start(ScenarioLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "recheck"), 0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static Decision decide(String table, VacuumSpec vacuum, AnalyzeSpec analyze) throws Exception {
        try (Connection c = RedshiftDriver.connect(new ClusterLogin("test", sim.jdbcUrl(), "admin", Optional.of("Admin-pass1"),
                Optional.empty()), "Admin-pass1")) {
            MaintenanceRequested item = new MaintenanceRequested("wi-" + table, "dedup-" + table, new TableRef("dev", "public", table, null),
                    vacuum, analyze, 5, false, List.of(), "test", null);
            return Recheck.decide(item, ClusterReader.observe(c, item.table(), Duration.ofMinutes(30), NOW, false),
                    new Recheck.Limits(10, Duration.ofHours(1), 10, false, 50, Duration.ofMinutes(5)),
                    new Recheck.WindowSituation(null, NOW.plus(Duration.ofHours(1)), Duration.ofHours(3)), NOW);
        }
    }

    @Test
    void autoSortKeyWithoutAChosenKeyIsNoSortKey() throws Exception {
        try (Connection c = RedshiftDriver.connect(new ClusterLogin("test", sim.jdbcUrl(), "admin", Optional.of("Admin-pass1"),
                Optional.empty()), "Admin-pass1")) {
            TableState pending = ClusterReader.table(c, new TableRef("dev", "public", "pending", null));
            assertThat(pending.sortkey1()).isEqualTo("AUTO(SORTKEY)");
            assertThat(pending.hasSortKey()).isFalse();
            assertThat(pending.health().unsortedPct()).isNull();
            assertThat(ClusterReader.table(c, new TableRef("dev", "public", "chosen", null)).hasSortKey()).isTrue();
        }
        assertThat(decide("pending", new VacuumSpec(VacuumSpec.Variant.SORT_ONLY, null, false), null))
                .isInstanceOfSatisfying(Decision.Skip.class, s -> {
                    assertThat(s.code()).isEqualTo(MaintenanceSkipped.Code.NO_LONGER_NEEDED);
                    assertThat(s.reason()).contains("no sort key").doesNotContain("% sorted");
                });
        assertThat(decide("chosen", new VacuumSpec(VacuumSpec.Variant.SORT_ONLY, null, false), null)).isInstanceOf(Decision.Run.class);
    }

    @Test
    void analyzeIsDecidedOnTheRowsChangedSinceTheLastAnalyzeAsRedshiftDoes() throws Exception {
        AnalyzeSpec analyze = new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS);
        assertThat(decide("stale", null, analyze)).as("stats_off 40, but 1 % of rows changed")
                .isInstanceOfSatisfying(Decision.Skip.class, s -> assertThat(s.reason())
                        .contains("1.00 % of rows changed since the last ANALYZE, below analyze_threshold_percent 10"));
        assertThat(decide("changed", null, analyze)).as("stats_off 1, but 30 % of rows changed")
                .isInstanceOfSatisfying(Decision.Run.class, r -> assertThat(r.statements()).containsExactly(
                        "ANALYZE \"public\".\"changed\" ALL COLUMNS"));
    }
}
