package autopilot.maintenance;

import static autopilot.maintenance.WorkItemsFixture.item;
import static autopilot.maintenance.WorkItemsFixture.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.AnalyzeSpec;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.VacuumSpec;
import autopilot.events.VacuumSpec.Variant;
import autopilot.sim.SimCluster;
import autopilot.sim.maintenance.MaintenanceRun;
import autopilot.testsupport.Moto;
import autopilot.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two packaged service processes on the same queue, cluster and state store. The instance running
 * a long VACUUM is killed (SIGKILL) mid-run: its session ends, so the cluster aborts that VACUUM
 * (as Redshift ends a dead client's session). The other instance gets the items after the
 * visibility timeout, re-checks (VACUUM not running any more, table still unsorted) and runs the
 * VACUUM once; nothing overlaps and nothing completes twice.
 */
class TwoInstancesCrashIT {

    @Test
    void aCrashMidVacuumLeadsToACleanRecheckAndNoDoubleRun() throws Exception {
        Moto moto = WorkItemsFixture.moto();
        TwoInstances.generousRedrive(moto);
        SimCluster sim = SimClustersResource.start(4e5); // the archive table's sort takes about 4 s

        try (ServiceProcess a = TwoInstances.start("crash", "a", moto, sim);
             ServiceProcess b = TwoInstances.start("crash", "b", moto, sim)) {
            String longSort = send("c", item("archive", "clicks_archive", new VacuumSpec(Variant.SORT_ONLY, 99, false), null, 10, false));
            List<String> quick = List.of(
                    send("c", item("public", "orders_history", new VacuumSpec(Variant.SORT_ONLY, 75, false), null, 5, false)),
                    send("c", item("public", "customers", null, new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 3, false)));

            String marker = "VACUUM SORT ONLY \"archive\".\"clicks_archive\"";
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readString(a.log()).contains(marker) || Files.readString(b.log()).contains(marker));
            Thread.sleep(500); // well inside the 4 s VACUUM
            ServiceProcess victim = Files.readString(a.log()).contains(marker) ? a : b;
            victim.kill(); // SIGKILL mid-VACUUM, holding the cluster's other items too

            Outcomes.Received longOutcome = Outcomes.await(Outcomes.of(longSort), 1, Duration.ofSeconds(60)).get(0);
            assertThat(longOutcome.event().payload()).as("the survivor re-checked and ran it")
                    .isInstanceOfSatisfying(MaintenanceCompleted.class, c -> {
                        assertThat(c.before().unsortedPct()).as("the killed run changed nothing").isEqualTo(60.0);
                        assertThat(c.after().unsortedPct()).isZero();
                    });
            for (String id : quick) {
                Outcomes.await(Outcomes.of(id), 1, Duration.ofSeconds(30));
            }
            Thread.sleep(4_000); // a visibility period later: nothing came back
            assertThat(Outcomes.matching(Outcomes.of(longSort))).hasSize(1);
            for (String id : quick) {
                assertThat(Outcomes.matching(Outcomes.of(id))).as("one outcome for %s", id).hasSize(1)
                        .allSatisfy(r -> assertThat(r.event().payload()).isInstanceOf(MaintenanceCompleted.class));
            }

            List<MaintenanceRun> runs = sim.maintenanceRuns();
            TwoInstances.assertNoOverlappingVacuums(runs);
            List<MaintenanceRun> sorts = runs.stream().filter(r -> r.statement().startsWith(marker)).toList();
            assertThat(sorts).extracting(MaintenanceRun::outcome).as("aborted with the killed session, then run once")
                    .hasSize(2).first().asString().startsWith("error 57P01");
            assertThat(sorts.get(1).outcome()).isEqualTo("ok");
            assertThat(history(sim)).containsExactly("Failed", "Complete");
        } finally {
            sim.close();
        }
    }

    /** SYS_VACUUM_HISTORY of the archive table's manual VACUUMs, oldest first. */
    private static List<String> history(SimCluster sim) throws Exception {
        List<String> statuses = new ArrayList<>();
        try (Connection c = sim.underlyingConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select trim(status) from redshift_sim.sys_vacuum_history "
                     + "where table_name = 'clicks_archive' and not is_automatic order by start_time")) {
            while (rs.next()) {
                statuses.add(rs.getString(1));
            }
        }
        return statuses;
    }
}
