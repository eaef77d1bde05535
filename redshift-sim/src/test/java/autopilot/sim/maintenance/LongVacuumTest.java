package autopilot.sim.maintenance;

import static autopilot.sim.maintenance.MaintenanceBehaviourTest.admin;
import static autopilot.sim.maintenance.MaintenanceBehaviourTest.column;
import static autopilot.sim.maintenance.MaintenanceBehaviourTest.execute;
import static autopilot.sim.maintenance.MaintenanceBehaviourTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * A VACUUM that takes time: proportional to the work, cancelled by statement_timeout, exclusive per
 * cluster. Ordered: the cancelled VACUUM must meet the archive table still unsorted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LongVacuumTest {

    private static final double SPEED = 1_000_000; // MB/s: the 2.8 TB archive table, 60 % unsorted, sorts in about 1.7 s
    private static SimCluster cluster;
    private static double expectedSeconds;

    @BeforeAll
    static void start() throws Exception {
        cluster = SimCluster.start(ScenarioLoader.shipped("maintenance-backlog"), SimCluster.Options.defaults().withVacuumSpeed(SPEED));
        try (Connection c = admin(cluster)) {
            double size = Double.parseDouble(text(c, "select size from svv_table_info where \"table\" = 'clicks_archive'"));
            double unsorted = Double.parseDouble(text(c, "select unsorted from svv_table_info where \"table\" = 'clicks_archive'"));
            expectedSeconds = size * unsorted / 100 / SPEED;
        }
        assertThat(expectedSeconds).isBetween(1.0, 4.0);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    @Order(1)
    void statementTimeoutCancelsALongVacuumAndLeavesTheTableAsItWas() throws Exception {
        try (Connection c = admin(cluster)) {
            execute(c, "SET statement_timeout TO 300");
            long started = System.nanoTime();
            assertThatThrownBy(() -> execute(c, "VACUUM SORT ONLY archive.clicks_archive"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"))
                    .hasMessageContaining("statement timeout");
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(seconds).isGreaterThanOrEqualTo(0.3).isLessThan(expectedSeconds);
            assertThat(Double.parseDouble(text(c, "select unsorted from svv_table_info where \"table\" = 'clicks_archive'"))).isEqualTo(60.0);
            assertThat(text(c, "select trim(status) from sys_vacuum_history where table_name = 'clicks_archive' "
                    + "and transaction_id >= 5000000 order by start_time desc limit 1")).isEqualTo("Failed");
            execute(c, "SET statement_timeout TO 0");
        }
    }

    @Test
    @Order(2)
    void aSecondVacuumWhileOneRunsFailsAndRunsNeverOverlap() throws Exception {
        String started = "select v.xid from redshift_sim.stl_vacuum v join redshift_sim.table_meta m on m.table_id = v.table_id "
                + "where m.table_name = 'clicks_archive' and v.status like 'Started Sort Only%'";
        int startedBefore;
        try (Connection underlying = cluster.underlyingConnection()) {
            // The cancelled VACUUM of the first test logged a start too: wait for a new one.
            startedBefore = column(underlying, started).size();
        }
        CompletableFuture<Void> longRun = CompletableFuture.runAsync(() -> {
            try (Connection c = admin(cluster)) {
                execute(c, "VACUUM SORT ONLY archive.clicks_archive TO 99 PERCENT");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try (Connection c = admin(cluster); Connection underlying = cluster.underlyingConnection()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (column(underlying, started).size() == startedBefore) {
                assertThat(System.nanoTime()).as("long VACUUM started").isLessThan(deadline);
                longRun.getNow(null);
            }
            assertThatThrownBy(() -> execute(c, "VACUUM DELETE ONLY events"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("55006"))
                    .hasMessageContaining("VACUUM is running");
        }
        longRun.get(30, TimeUnit.SECONDS);

        List<MaintenanceRun> vacuums = cluster.maintenanceRuns().stream()
                .filter(r -> r.statement().startsWith("VACUUM") && r.outcome().equals("ok")).toList();
        for (MaintenanceRun a : vacuums) {
            for (MaintenanceRun b : vacuums) {
                assertThat(a != b && a.overlaps(b)).as("%s overlaps %s", a, b).isFalse();
            }
        }
        MaintenanceRun sort = vacuums.stream().filter(r -> r.statement().contains("clicks_archive")).findFirst().orElseThrow();
        assertThat(Duration.between(sort.startedAt(), sort.endedAt()).toMillis() / 1000.0)
                .as("time proportional to the work").isGreaterThanOrEqualTo(expectedSeconds * 0.9);
        assertThat(cluster.maintenanceRuns()).anyMatch(r -> r.outcome().startsWith("error 55006"));
    }
}
