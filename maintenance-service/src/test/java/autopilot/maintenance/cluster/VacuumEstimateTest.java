package autopilot.maintenance.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.MaintenanceRequested;
import autopilot.events.MaintenanceSkipped;
import autopilot.events.TableRef;
import autopilot.events.VacuumSpec;
import autopilot.maintenance.plan.Decision;
import autopilot.maintenance.plan.Observation;
import autopilot.maintenance.plan.Recheck;
import autopilot.redshift.ClusterLogin;
import autopilot.redshift.RedshiftDriver;
import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The run-time estimate and the observed speed use one model (MB of work per second): after a
 * VACUUM of a slightly unsorted table, a sort of a much more unsorted one is not predicted to fit a
 * window it cannot fit, and one predicted to fit a window does finish inside it on the simulator.
 */
class VacuumEstimateTest {

    private static final double SIM_MB_PER_SECOND = 200;

    private static Decision decide(Connection c, String table, Instant now, Duration windowLeft) throws Exception {
        MaintenanceRequested sort = new MaintenanceRequested("wi-" + table, "dedup-" + table, new TableRef("dev", "public", table, null),
                new VacuumSpec(VacuumSpec.Variant.SORT_ONLY, 99, false), null, 5, false, List.of(), "test", null);
        Observation seen = ClusterReader.observe(c, sort.table(), Duration.ofMinutes(30), now, false);
        return Recheck.decide(sort, seen, new Recheck.Limits(10, Duration.ofHours(1), 10, false, 1e6, Duration.ofMinutes(5)),
                new Recheck.WindowSituation(now.plus(windowLeft), now.plus(Duration.ofDays(1)), Duration.ofHours(3)), now);
    }

    @Test
    void aRunPredictedToFitTheWindowFitsIt() throws Exception {
        String yaml = """
                name: vacuum-estimate
                cluster: {nodeType: ra3.xlplus, nodes: 1, slicesPerNode: 2}
                database: dev
                users: [{name: admin, password: Admin-pass1, superuser: true}]
                tables:
                  - {schema: public, name: first, rows: 40000000, unsortedPct: 20, sortkey: {type: COMPOUND, columns: [id]},
                     columns: [{name: id, type: BIGINT}, {name: at, type: TIMESTAMP}]}
                  - {schema: public, name: second, rows: 40000000, unsortedPct: 60, sortkey: {type: COMPOUND, columns: [id]},
                     columns: [{name: id, type: BIGINT}, {name: at, type: TIMESTAMP}]}
                """;
        try (SimCluster sim = SimCluster.start(ScenarioLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "vacuum-estimate"), SimCluster.Options.defaults().withVacuumSpeed(SIM_MB_PER_SECOND));
             Connection c = RedshiftDriver.connect(new ClusterLogin("test", sim.jdbcUrl(), "admin", Optional.of("Admin-pass1"),
                     Optional.empty()), "Admin-pass1")) {
            try (Statement st = c.createStatement()) {
                st.execute("VACUUM SORT ONLY public.first TO 99 PERCENT"); // the cluster's speed, observed
            }
            Instant now = Instant.now();
            Observation seen = ClusterReader.observe(c, new TableRef("dev", "public", "second", null), Duration.ofMinutes(30), now, false);
            assertThat(seen.vacuumMbPerSecond()).as("MB of work per second").isCloseTo(SIM_MB_PER_SECOND,
                    org.assertj.core.data.Percentage.withPercentage(20));
            double predicted = seen.table().sizeMb() * seen.table().unsortedPct() / 100 / seen.vacuumMbPerSecond();
            assertThat(predicted).as("seconds; the test wants a run of a few").isBetween(1.0, 10.0);

            Duration tooShort = Duration.ofMillis((long) (predicted * 500));
            assertThat(decide(c, "second", now, tooShort)).isInstanceOfSatisfying(Decision.Postpone.class,
                    p -> assertThat(p.code()).isEqualTo(MaintenanceSkipped.Code.WOULD_NOT_FINISH_IN_WINDOW));

            Duration enough = Duration.ofMillis((long) (predicted * 1500));
            Decision run = decide(c, "second", now, enough);
            assertThat(run).isInstanceOf(Decision.Run.class);
            long started = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.execute("SET statement_timeout TO " + enough.toMillis());
                st.execute(((Decision.Run) run).statements().get(0));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(enough);
        }
    }
}
