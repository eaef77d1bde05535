package autopilot.sim.maintenance;

import static autopilot.sim.maintenance.MaintenanceBehaviourTest.admin;
import static autopilot.sim.maintenance.MaintenanceBehaviourTest.column;
import static autopilot.sim.maintenance.MaintenanceBehaviourTest.execute;
import static autopilot.sim.maintenance.MaintenanceBehaviourTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.Test;

/**
 * A client whose connection dies while its VACUUM runs (a killed process): as on Redshift, the
 * session ends and takes its statement with it. The VACUUM is aborted (the table stays as it was,
 * SYS_VACUUM_HISTORY says Failed, STL_VACUUM has no Finished row), the one-VACUUM-per-cluster slot
 * is free again at once, and the next VACUUM from another client runs.
 */
class ClientGoneMidVacuumTest {

    private static final double SPEED = 1e5; // MB/s: the archive table's sort would take about 17 s
    private static SimCluster cluster;

    @BeforeAll
    static void start() {
        cluster = SimCluster.start(ScenarioLoader.shipped("maintenance-backlog"), SimCluster.Options.defaults().withVacuumSpeed(SPEED));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aVacuumWhoseClientDiedIsAbortedAndTheNextVacuumRuns() throws Exception {
        String started = "select v.xid from redshift_sim.stl_vacuum v join redshift_sim.table_meta m on m.table_id = v.table_id "
                + "where m.table_name = 'clicks_archive' and v.status like 'Started Sort Only%'";
        Connection doomed = admin(cluster);
        CompletableFuture<Void> longRun = CompletableFuture.runAsync(() -> {
            try {
                execute(doomed, "VACUUM SORT ONLY archive.clicks_archive TO 99 PERCENT");
            } catch (SQLException e) {
                // expected: the connection is cut under it
            }
        });
        String xid;
        try (Connection underlying = cluster.underlyingConnection()) {
            xid = await("long VACUUM started").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> column(underlying, started), rows -> !rows.isEmpty()).get(0);
        }
        long cut = System.nanoTime();
        doomed.abort(Runnable::run); // the socket closes, as the kernel closes a killed process's sockets
        longRun.get(10, TimeUnit.SECONDS);
        try (Connection underlying = cluster.underlyingConnection()) {
            // What a re-check sees: the VACUUM ended (Failed), shortly after the connection did.
            String ended = "select trim(status) from redshift_sim.sys_vacuum_history where transaction_id = " + xid;
            // Within 2 s of the cut (at least a poll, so a late check fails on the timeout, not on a zero limit).
            Duration left = Duration.ofSeconds(2).minusNanos(System.nanoTime() - cut);
            await("VACUUM ended with its session").atMost(left.compareTo(Duration.ofMillis(20)) > 0 ? left : Duration.ofMillis(20))
                    .pollInterval(Duration.ofMillis(20)).until(() -> !column(underlying, ended).isEmpty());
        }

        try (Connection other = admin(cluster)) {
            CompletableFuture<Void> next = CompletableFuture.runAsync(() -> {
                try {
                    execute(other, "VACUUM SORT ONLY orders_history TO 75 PERCENT");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            next.get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - cut)).as("long before the dead client's VACUUM would have ended")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(Double.parseDouble(text(other, "select unsorted from svv_table_info where \"table\" = 'orders_history'"))).isZero();

            assertThat(Double.parseDouble(text(other, "select unsorted from svv_table_info where \"table\" = 'clicks_archive'")))
                    .as("the aborted sort left the table as it was").isEqualTo(60.0);
            assertThat(text(other, "select trim(status) from sys_vacuum_history where transaction_id = " + xid))
                    .isEqualTo("Failed");
            List<String> statuses = column(other, "select trim(status) from stl_vacuum where xid = " + xid);
            assertThat(statuses).hasSize(1).allSatisfy(s -> assertThat(s).startsWith("Started"));
        }
        List<MaintenanceRun> vacuums = cluster.maintenanceRuns().stream().filter(r -> r.statement().startsWith("VACUUM")).toList();
        assertThat(vacuums).anySatisfy(r -> {
            assertThat(r.statement()).contains("clicks_archive");
            assertThat(r.outcome()).startsWith("error 57P01").contains("session");
        });
        for (MaintenanceRun a : vacuums) {
            for (MaintenanceRun b : vacuums) {
                assertThat(a != b && a.overlaps(b)).as("%s overlaps %s", a, b).isFalse();
            }
        }
    }
}
