package autopilot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.model.ScenarioLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The simulator installs itself on a PostgreSQL it did not start, given by URL. */
class ExternalPostgresTest {

    @Test
    void runsOnAnExternalPostgresGivenByUrl() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start();
             SimCluster cluster = SimCluster.startOn("jdbc:postgresql://127.0.0.1:" + external.getPort() + "/postgres?user=postgres",
                     ScenarioLoader.shipped("healthy"), 0);
             Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "monitor", "Monitor-pass1");
             ResultSet rs = c.createStatement().executeQuery("select count(*) from svv_table_info")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(cluster.underlyingUrl()).contains(":" + external.getPort() + "/dev");
        }
    }
}
