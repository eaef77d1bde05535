package autopilot.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.sim.model.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A simulated cluster reached the way users reach Redshift: the Redshift JDBC driver and psql. */
class SimClusterTest {

    private static SimCluster cluster;

    @BeforeAll
    static void start() {
        cluster = SimCluster.start(ScenarioLoader.shipped("healthy"), 0);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), user, password);
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stl_query", "stl_wlm_query", "stl_scan", "stl_alert_event_log", "stl_vacuum", "stl_analyze",
            "stl_explain", "svl_query_summary", "svl_compile", "svv_table_info", "svv_diskusage", "stv_blocklist", "stv_tbl_perm",
            "stv_slices", "stv_inflight", "stv_recents", "stv_wlm_query_state", "stv_wlm_service_class_config", "svv_transactions",
            "pg_table_def", "svv_alter_table_recommendations", "sys_query_history", "sys_query_detail", "sys_vacuum_history",
            "sys_analyze_history"})
    void everySystemViewIsReadableThroughTheRedshiftDriver(String view) throws Exception {
        try (Connection c = connect("monitor", "Monitor-pass1"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select * from " + view + " limit 3")) {
            assertThat(rs.getMetaData().getColumnCount()).isPositive();
        }
    }

    @Test
    void joinsAgreeThroughTheDriver() throws Exception {
        try (Connection c = connect("monitor", "Monitor-pass1")) {
            // userid > 1: the scenario's queries, without Redshift's own (rdsdb), as the docs advise.
            long queries = single(c, "select count(*) from stl_query where query < 777000 and userid > 1");
            assertThat(queries).isEqualTo(2002);
            long all = single(c, "select count(*) from stl_query where query < 777000");
            assertThat(single(c, "select count(*) from stl_query q join stl_wlm_query w on w.query = q.query")).isEqualTo(all);
            assertThat(single(c, "select count(*) from sys_query_history h join stl_query q on q.query = h.query_id")).isEqualTo(all);
            assertThat(single(c, "select count(*) from stl_query q join svl_compile p on p.query = q.query")).isEqualTo(all);
            assertThat(single(c, "select count(*) from stl_scan s left join svv_table_info t on t.table_id = s.tbl where t.table_id is null"))
                    .isZero();
            assertThat(single(c, "select sum(size) from svv_table_info")).isEqualTo(single(c, "select count(*) from stv_blocklist"));
        }
    }

    @Test
    void rowsOlderThanTheRetentionDisappearFromStlViews() throws Exception {
        try (Connection admin = cluster.underlyingConnection(); Statement st = admin.createStatement()) {
            st.execute("insert into redshift_sim.stl_query (userid, query, starttime, endtime, querytxt) values "
                    + "(1, 777001, (now() at time zone 'UTC') - interval '6 days', (now() at time zone 'UTC') - interval '6 days', 'old'), "
                    + "(1, 777002, (now() at time zone 'UTC') - interval '4 days', (now() at time zone 'UTC') - interval '4 days', 'recent')");
        }
        try (Connection c = connect("monitor", "Monitor-pass1")) {
            assertThat(single(c, "select count(*) from stl_query where query in (777001, 777002)")).isEqualTo(1);
            assertThat(single(c, "select query from stl_query where query in (777001, 777002)")).isEqualTo(777002);
        }
    }

    @Test
    void wrongPasswordFailsLikeRedshift() {
        assertThatThrownBy(() -> connect("monitor", "wrong").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"))
                .hasMessageContaining("password authentication failed for user \"monitor\"");
    }

    @Test
    void aColumnRedshiftLacksFailsAsOnRedshift() throws Exception {
        try (Connection c = connect("monitor", "Monitor-pass1")) {
            assertThatThrownBy(() -> single(c, "select compile_time from stl_query"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42703"));
        }
    }

    @Test
    void gatewayRecordsWhatClientsSent() throws Exception {
        try (Connection c = connect("monitor", "Monitor-pass1")) {
            single(c, "select 4242 as probe");
        }
        assertThat(cluster.receivedStatements()).anyMatch(s -> s.sql().contains("4242") && s.user().equals("monitor"));
    }

    @Test
    void psqlConnectsAndReadsTheViews() throws Exception {
        Process psql = new ProcessBuilder("psql", "host=127.0.0.1 port=" + cluster.port() + " dbname=dev user=monitor",
                "-At", "-c", "select count(*) from svv_table_info").redirectErrorStream(true).start();
        psql.getOutputStream().close();
        assertThat(psql.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(psql.exitValue()).as(output).isNotZero(); // no password given: refused
        Process ok = psqlWithPassword("Monitor-pass1", "select count(*) from svv_table_info");
        assertThat(new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()).isEqualTo("2");
        assertThat(ok.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.exitValue()).isZero();
    }

    private static Process psqlWithPassword(String password, String sql) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of("psql", "host=127.0.0.1 port=" + cluster.port() + " dbname=dev user=monitor",
                "-At", "-c", sql)).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }
}
