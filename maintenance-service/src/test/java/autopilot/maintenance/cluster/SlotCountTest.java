package autopilot.maintenance.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.redshift.ClusterLogin;
import autopilot.redshift.RedshiftDriver;
import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * wlm_query_slot_count is checked against the queue maintenance sessions are classified into: the
 * queue of their query_group, else the catch-all queue; more slots than it has is refused, naming the key.
 */
class SlotCountTest {

    @Test
    void slotCountAboveTheSessionsQueueIsRefusedNamingTheKey() throws Exception {
        String yaml = """
                name: slots
                cluster: {nodeType: ra3.xlplus, nodes: 1, slicesPerNode: 2}
                database: dev
                users: [{name: admin, password: Admin-pass1, superuser: true}]
                tables: [{schema: public, name: t, rows: 10, columns: [{name: id, type: INTEGER}]}]
                queues: [{serviceClass: 6, name: maintenance, slots: 3, workingMemMb: 512}, {serviceClass: 7, name: default, slots: 5, workingMemMb: 1024}]
                activity:
                  classification: [{serviceClass: 6, queryGroups: [autopilot-maint*]}]
                """;
        try (SimCluster sim = SimCluster.start(ScenarioLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "slots"), 0);
             Connection c = RedshiftDriver.connect(new ClusterLogin("test", sim.jdbcUrl(), "admin", Optional.of("Admin-pass1"),
                     Optional.empty()), "Admin-pass1")) {
            assertThat(SlotCount.problem(c, 4, "autopilot-maintenance")).hasValueSatisfying(p -> assertThat(p)
                    .startsWith("autopilot.maintenance.wlm-query-slot-count is 4").contains("'maintenance'").contains("has 3 slots"));
            assertThat(SlotCount.problem(c, 3, "autopilot-maintenance")).isEmpty();
            assertThat(SlotCount.problem(c, 4, "nightly")).as("the catch-all queue has 5").isEmpty();
            assertThat(SlotCount.problem(c, 6, "nightly")).hasValueSatisfying(p -> assertThat(p).contains("'default'"));
        }
    }
}
