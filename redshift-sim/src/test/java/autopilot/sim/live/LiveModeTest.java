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

    /**
     * The night-incident played a hundred times faster (its six minutes in 3.6 s) by the live driver
     * itself: the blocking session, the runaway query, the failing COPY and the filling disk all end
     * while a monitoring client watches, and the rules act on the queries that keep arriving.
     */
    @Test
    void theNightIncidentEndsWhileItIsWatched() throws Exception {
        Scenario night = ScenarioLoader.shipped("night-incident").withTimeScale(0.01)
                .withLive(new Scenario.Live(Duration.ofMillis(250), 2400, 1, 0.2, 0.05, 0, 0));
        try (SimCluster cluster = SimCluster.start(night, 0);
             Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "monitor", "Monitor-pass1")) {
            double lastInstalled = number(c, "select max(query) from stl_query");
            assertThat(number(c, "select count(*) from svv_transactions where not granted")).isEqualTo(2);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                    number(c, "select count(*) from svv_transactions") == 0 && number(c, "select count(*) from stv_inflight") == 0
                            && number(c, "select count(*) from sys_load_history where status = 'completed'") > 0);
            assertThat(number(c, "select count(*) from sys_query_history where session_id = 45010 and status = 'canceled'")).isEqualTo(1);
            assertThat(number(c, "select count(*) from stl_query where pid = 45010 and aborted = 1")).isEqualTo(1);
            assertThat(number(c, "select max(per_mille) from (select sum(used - tossed) * 1000 / sum(capacity) as per_mille "
                    + "from stv_partitions group by owner) p")).as("freed").isLessThan(800);
            assertThat(number(c, "select count(*) from sys_load_history where status = 'aborted'")).as("the install's run and the reruns before 3.6 s")
                    .isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    number(c, "select count(*) from stl_wlm_rule_action where query > " + (long) lastInstalled) > 0);
            assertThat(number(c, "select count(*) from stl_query where endtime > sysdate")).as("none in the future").isZero();
        }
    }

    /**
     * On Serverless a running query is a SYS_QUERY_HISTORY row with status running
     * (https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html); live mode ends it there
     * with its end time and status, under the same query id.
     */
    @Test
    void aServerlessQueryInFlightEndsInSysQueryHistory() throws Exception {
        String yaml = """
                cluster: {nodeType: serverless, nodes: 1, slicesPerNode: 8, serverless: true}
                users: [{name: admin, password: Admin-pass1, superuser: true}, {name: monitor, password: Monitor-pass1, systemAccess: true}]
                tables: [{name: t, rows: 1000, columns: [{name: a, type: INTEGER}]}]
                inflight: [{text: "select count(*) from t", user: admin, state: Running, ago: PT1H, pid: 4242, endsAfter: PT1S}]
                live: {tick: PT0.25S, queriesPerMinute: 1, tablesPerTick: 1}
                """;
        Scenario serverless = ScenarioLoader.read(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "inline");
        try (SimCluster cluster = SimCluster.start(serverless, 0);
             Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "monitor", "Monitor-pass1")) {
            double query = number(c, "select query_id from sys_query_history where session_id = 4242 and status = 'running'");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    number(c, "select count(*) from sys_query_history where session_id = 4242 and status = 'success'") == 1);
            assertThat(number(c, "select query_id from sys_query_history where session_id = 4242")).isEqualTo(query);
            assertThat(number(c, "select datediff(second, start_time, end_time) from sys_query_history where session_id = 4242"))
                    .isBetween(3600.0, 3602.0);
            assertThat(number(c, "select count(*) from sys_query_text where session_id = 4242")).isEqualTo(1);
        }
    }
}
