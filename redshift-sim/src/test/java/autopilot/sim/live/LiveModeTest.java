package autopilot.sim.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.sim.SimCluster;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A living cluster, watched through the Redshift driver: minutes of drift compressed into seconds
 * by a short tick (queries keep arriving, loads leave unsorted rows, deletes leave ghost rows,
 * Redshift's background VACUUM DELETE and ANALYZE show up).
 */
class LiveModeTest {

    private static double number(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    @Test
    void theClusterKeepsChangingWhileItIsWatched() throws Exception {
        Scenario healthy = ScenarioLoader.shipped("healthy")
                .withLive(new Scenario.Live(Duration.ofMillis(250), 1200, 2, 5, 3, 0.5, 0.5));
        try (SimCluster cluster = SimCluster.start(healthy, 0);
             Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "monitor", "Monitor-pass1")) {
            double queries = number(c, "select count(*) from stl_query");
            double unsorted = number(c, "select max(unsorted) from svv_table_info");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    number(c, "select count(*) from stl_vacuum where status like '[VacuumBG]%'") > 0
                            && number(c, "select count(*) from stl_analyze where is_auto = 't'") > 0
                            && number(c, "select count(*) from stl_query") >= queries + 40);
            assertThat(number(c, "select count(*) from stl_query")).as("new queries logged").isGreaterThanOrEqualTo(queries + 40);
            assertThat(number(c, "select count(*) from stl_query where endtime > sysdate")).as("none in the future").isZero();
            assertThat(number(c, "select max(unsorted) from svv_table_info")).as("loads leave unsorted rows").isGreaterThan(unsorted);
            assertThat(number(c, "select count(*) from stl_vacuum where status like '[VacuumBG]%'")).isPositive();
            assertThat(number(c, "select count(*) from sys_vacuum_history where is_automatic")).isPositive();
            assertThat(number(c, "select count(*) from stl_analyze where is_auto = 't'")).isPositive();
            assertThat(number(c, "select sum(size) from svv_table_info")).isEqualTo(number(c, "select count(*) from stv_blocklist"));
        }
    }
}
