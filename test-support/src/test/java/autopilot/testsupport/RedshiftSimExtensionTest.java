package autopilot.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.SimCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

@SimScenario("healthy")
class RedshiftSimExtensionTest {

    @Test
    void injectsARunningClusterReachableWithTheRedshiftDriver(SimCluster cluster) throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "monitor", "Monitor-pass1");
             ResultSet rs = c.createStatement().executeQuery("select count(*) from svv_table_info")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void theSameClusterServesTheWholeClass(SimCluster cluster) {
        assertThat(RedshiftSimExtension.shared("healthy")).isSameAs(cluster);
    }
}
