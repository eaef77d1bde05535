package autopilot.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.sim.model.ScenarioLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Serverless scenario through the Redshift driver: SYS_* views answer, STL/STV/SVL do not exist. */
class ServerlessClusterTest {

    private static SimCluster cluster;

    @BeforeAll
    static void start() {
        cluster = SimCluster.start(ScenarioLoader.shipped("serverless"), 0);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void sysViewsAnswerAndStlTablesAreRefused() throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "monitor", "Monitor-pass1")) {
            // The generated workload; the scenario's two COPYs (its activity) are logged there too.
            assertThat(single(c, "select count(*) from sys_query_history where query_type <> 'COPY'")).isEqualTo(1500);
            assertThat(single(c, "select count(*) from sys_query_detail where step_name = 'scan'")).isPositive();
            assertThat(single(c, "select count(*) from sys_vacuum_history where is_automatic")).isEqualTo(1);
            for (String provisionedOnly : new String[] {"stl_query", "stv_tbl_perm", "svl_query_summary", "stv_blocklist", "svv_diskusage"}) {
                // The scenario's default: permission denied (AWS documents no error; see Scenario.Cluster#stlRefusal).
                assertThatThrownBy(() -> single(c, "select count(*) from " + provisionedOnly))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(provisionedOnly)
                                .isEqualTo(provisionedOnly.startsWith("svv_") ? "42P01" : "42501"));
            }
        }
    }

    @Test
    void aScenarioMayChooseRelationDoesNotExistForStlTables() throws Exception {
        String yaml = """
                name: sl-not-found
                cluster: {nodeType: serverless, nodes: 1, slicesPerNode: 4, serverless: true, stlRefusal: NOT_FOUND}
                users: [{name: monitor, password: Monitor-pass1, systemAccess: true}]
                tables: [{name: t, rows: 10, columns: [{name: id, type: BIGINT}]}]
                """;
        var scenario = ScenarioLoader.read(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "inline");
        try (SimCluster notFound = SimCluster.start(scenario, 0);
             Connection c = DriverManager.getConnection(notFound.jdbcUrl(), "monitor", "Monitor-pass1")) {
            assertThatThrownBy(() -> single(c, "select count(*) from stl_query"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
            assertThat(single(c, "select count(*) from sys_query_history")).isZero();
        }
    }
}
