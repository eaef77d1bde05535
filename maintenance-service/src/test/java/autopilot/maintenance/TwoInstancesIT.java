package autopilot.maintenance;

import static autopilot.maintenance.WorkItemsFixture.item;
import static autopilot.maintenance.WorkItemsFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.AnalyzeSpec;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.VacuumSpec;
import autopilot.events.VacuumSpec.Variant;
import autopilot.sim.SimCluster;
import autopilot.sim.maintenance.MaintenanceRun;
import autopilot.testsupport.Moto;
import autopilot.testsupport.ServiceProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two packaged service processes on the same queue and cluster, with a VACUUM longer than the
 * visibility timeout among the items: nothing overlaps on the cluster and nothing runs twice.
 */
class TwoInstancesIT {

    @Test
    void twoInstancesOnOneQueueNeverOverlapOnACluster() throws Exception {
        Moto moto = WorkItemsFixture.moto();
        TwoInstances.generousRedrive(moto);
        SimCluster sim = SimClustersResource.start(4e5); // the archive table's sort takes about 4 s

        try (ServiceProcess a = TwoInstances.start("two-instances", "a", moto, sim);
             ServiceProcess b = TwoInstances.start("two-instances", "b", moto, sim)) {
            String longSort = send("c", item("archive", "clicks_archive", new VacuumSpec(Variant.SORT_ONLY, 99, false), null, 10, false));
            List<String> quick = List.of(
                    send("c", item("public", "orders_history", new VacuumSpec(Variant.SORT_ONLY, 75, false), null, 5, false)),
                    send("c", item("public", "inventory", new VacuumSpec(Variant.RECLUSTER, null, false), null, 4, false)),
                    send("c", item("public", "customers", null, new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 3, false)),
                    send("c", item("public", "lookup", null, new AnalyzeSpec(AnalyzeSpec.Columns.PREDICATE_COLUMNS), 2, false)));

            String marker = "VACUUM SORT ONLY \"archive\".\"clicks_archive\"";
            for (String id : quick) {
                Outcomes.await(Outcomes.of(id), 1, Duration.ofSeconds(60));
            }
            Outcomes.Received longOutcome = Outcomes.await(Outcomes.of(longSort), 1, Duration.ofSeconds(60)).get(0);
            assertThat(longOutcome.event().payload()).isInstanceOfSatisfying(MaintenanceCompleted.class,
                    c -> assertThat(c.durationMillis()).as("longer than the 3 s visibility").isGreaterThan(3_000));
            Thread.sleep(4_000); // a visibility period later: nothing came back
            assertThat(Outcomes.matching(Outcomes.of(longSort))).hasSize(1);
            for (String id : quick) {
                assertThat(Outcomes.matching(Outcomes.of(id))).as("one outcome for %s", id).hasSize(1)
                        .allSatisfy(r -> assertThat(r.event().payload()).isInstanceOf(MaintenanceCompleted.class));
            }

            List<MaintenanceRun> runs = sim.maintenanceRuns();
            TwoInstances.assertNoOverlappingVacuums(runs);
            assertThat(runs).as("no statement ran twice").extracting(MaintenanceRun::statement).doesNotHaveDuplicates();
            assertThat(runs.stream().filter(r -> r.statement().startsWith(marker))).hasSize(1);
            try (Connection c = sim.underlyingConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select unsorted from svv_table_info where \"table\" = 'clicks_archive'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDouble(1)).isZero();
            }
        } finally {
            sim.close();
        }
    }
}
