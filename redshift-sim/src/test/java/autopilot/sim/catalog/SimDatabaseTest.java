package autopilot.sim.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The system views of the healthy scenario, read straight from PostgreSQL (the gateway has its own tests). */
class SimDatabaseTest {

    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().setServerConfig("allow_system_table_mods", "on").start();
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE dev");
            st.execute("CREATE DATABASE serverless");
        }
        Scenario healthy = ScenarioLoader.shipped("healthy");
        try (Connection dev = connect("dev", "postgres")) {
            SimDatabase.install(dev, healthy, Instant.now());
        }
        Scenario serverless = new Scenario("sl", null, new Scenario.Cluster("serverless", 1, 4, true, healthy.cluster().retention()),
                "serverless", healthy.users().stream().map(u -> new Scenario.User("sl_" + u.name(), u.password(), u.superuser(), u.systemAccess())).toList(),
                healthy.tables(), healthy.queues(), java.util.List.of());
        try (Connection db = connect("serverless", "postgres")) {
            SimDatabase.install(db, serverless, Instant.now());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static Connection connect(String database, String user) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + database, p);
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void tableInfoAgreesWithSlicesAndBlocks() throws Exception {
        try (Connection c = connect("dev", "monitor")) {
            long size = single(c, "select size from svv_table_info where \"table\" = 'orders'");
            long blocks = single(c, "select count(*) from stv_blocklist b join svv_table_info t on t.table_id = b.tbl where t.\"table\" = 'orders'");
            long rows = single(c, "select sum(rows) from stv_tbl_perm p join svv_table_info t on t.table_id = p.id where t.\"table\" = 'orders'");
            assertThat(blocks).isEqualTo(size).isPositive();
            assertThat(rows).isEqualTo(2_000_000L);
            assertThat(single(c, "select tbl_rows from svv_table_info where \"table\" = 'orders'")).isEqualTo(2_000_000L);
            assertThat(single(c, "select count(*) from stv_slices")).isEqualTo(4);
        }
    }

    @Test
    void scansJoinQueriesAndTables() throws Exception {
        try (Connection c = connect("dev", "monitor")) {
            // userid > 1: the scenario's queries, without Redshift's own (rdsdb), as the docs advise.
            long queries = single(c, "select count(*) from stl_query where userid > 1");
            assertThat(queries).isEqualTo(2 + 2000); // explicit + generated
            assertThat(single(c, "select count(distinct q.query) from stl_query q join stl_wlm_query w on w.query = q.query "
                    + "join stl_scan s on s.query = q.query join svv_table_info t on t.table_id = s.tbl where q.userid > 1")).isEqualTo(queries);
            assertThat(single(c, "select count(*) from sys_query_history h join stl_query q on q.query = h.query_id where q.userid > 1"))
                    .isEqualTo(queries);
            assertThat(single(c, "select count(*) from pg_table_def where tablename = 'orders' and distkey and \"column\" = 'customer_id'")).isEqualTo(1);
        }
    }

    @Test
    void aColumnRedshiftDoesNotHaveFailsAsOnRedshift() throws Exception {
        try (Connection c = connect("dev", "monitor")) {
            // The seed recipe's query: STL_QUERY has no total_exec_time on Redshift.
            assertThatThrownBy(() -> single(c, "select total_exec_time from stl_query"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("column \"total_exec_time\" does not exist");
        }
    }

    /** https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html */
    @Test
    void regularUsersSeeTheirOwnRowsOfUserVisibleViewsAndNoSuperuserViews() throws Exception {
        try (Connection c = connect("dev", "analyst")) {
            assertThat(single(c, "select count(*) from stl_query")).as("the analyst's own queries").isPositive();
            assertThat(single(c, "select count(*) from stl_query where userid <> (select usesysid from pg_user where usename = current_user)"))
                    .as("nobody else's").isZero();
            assertThatThrownBy(() -> single(c, "select count(*) from stl_vacuum"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        try (Connection c = connect("dev", "monitor")) {
            assertThat(single(c, "select count(*) from stl_query where userid <> (select usesysid from pg_user where usename = current_user)"))
                    .as("SYSLOG ACCESS UNRESTRICTED sees every user's rows").isPositive();
        }
    }

    @Test
    void serverlessHasSysViewsButNoStl() throws Exception {
        try (Connection c = connect("serverless", "sl_monitor")) {
            assertThat(single(c, "select count(*) from svv_table_info")).isEqualTo(2);
            assertThatThrownBy(() -> single(c, "select count(*) from stl_query"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("relation \"stl_query\" does not exist");
        }
    }

    @Test
    void retentionHidesOldStlRows() throws Exception {
        try (Connection admin = connect("dev", "postgres"); Statement st = admin.createStatement()) {
            st.execute("insert into redshift_sim.stl_query (userid, query, starttime, endtime, querytxt) "
                    + "values (1, 999999, (now() at time zone 'UTC') - interval '6 days', (now() at time zone 'UTC') - interval '6 days', 'old')");
            assertThat(single(admin, "select count(*) from stl_query where query = 999999")).isZero();
            assertThat(single(admin, "select count(*) from redshift_sim.stl_query where query = 999999")).isEqualTo(1);
        }
    }
}
