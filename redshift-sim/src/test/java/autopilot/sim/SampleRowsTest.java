package autopilot.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import autopilot.sim.model.ScenarioLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * star-schema's tables hold a sample drawn from their value models: the collector's column profile
 * statements, sent as it sends them (Redshift JDBC driver, through the gateway), see the model's
 * shares; its data-movement steps show in SVL_QUERY_SUMMARY and SYS_QUERY_DETAIL.
 */
class SampleRowsTest {

    private static SimCluster cluster;

    @BeforeAll
    static void start() {
        cluster = SimCluster.start(ScenarioLoader.shipped("star-schema").withLive(null), 0);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Connection monitor() throws Exception {
        return DriverManager.getConnection(cluster.jdbcUrl(), "monitor", "Monitor-pass1");
    }

    private static List<Long> row(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            List<Long> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                long v = rs.getLong(i);
                values.add(rs.wasNull() ? null : v);
            }
            return values;
        }
    }

    @Test
    void profileStatementsSeeTheModelsShares() throws Exception {
        try (Connection c = monitor()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET statement_timeout TO 300000");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT has_table_privilege(?, 'select')")) {
                ps.setString(1, "\"public\".\"sales\"");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).isTrue();
                }
            }
            List<Long> sales = row(c, "SELECT COUNT(*), COUNT(\"promo_id\"), COUNT(DISTINCT \"promo_id\"), COUNT(\"product_id\"), "
                    + "COUNT(DISTINCT \"product_id\"), COUNT(DISTINCT \"store_id\") FROM \"public\".\"sales\"");
            assertThat(sales.get(0)).isEqualTo(20_000);
            assertThat(sales.get(1) / 20_000.0).isCloseTo(0.3, within(0.005));
            assertThat(sales.get(2)).isEqualTo(40);
            assertThat(sales.get(3)).isEqualTo(20_000);
            assertThat(sales.get(4)).isGreaterThan(19_900);
            assertThat(sales.get(5)).isEqualTo(1_200);
            long promoTop = row(c, "SELECT COUNT(*) FROM \"public\".\"sales\" WHERE \"promo_id\" IS NOT NULL "
                    + "GROUP BY \"promo_id\" ORDER BY 1 DESC LIMIT 1").get(0);
            assertThat(promoTop / 20_000.0).isCloseTo(0.05, within(0.005));
            List<Long> product = row(c, "SELECT COUNT(*), COUNT(DISTINCT \"product_id\"), MAX(OCTET_LENGTH(\"description\")) "
                    + "FROM \"public\".\"product_dim\"");
            assertThat(product).containsExactly(20_000L, 20_000L, 180L);
            assertThat(row(c, "SELECT MAX(OCTET_LENGTH(\"url\")) FROM \"public\".\"clickstream\"").get(0)).isEqualTo(400);
        }
    }

    @Test
    void theModelStillDrivesTheSystemTables() throws Exception {
        try (Connection c = monitor()) {
            assertThat(row(c, "SELECT tbl_rows FROM svv_table_info WHERE \"table\" = 'sales'").get(0)).isEqualTo(600_000_000L);
        }
    }

    @Test
    void redistributionAndBroadcastStepsAreLogged() throws Exception {
        try (Connection c = monitor()) {
            List<Long> dist = row(c, "SELECT COUNT(*), COUNT(DISTINCT s.query), MAX(s.rows) FROM svl_query_summary s "
                    + "JOIN stl_query q ON q.query = s.query WHERE trim(s.label) LIKE 'dist%' AND q.querytxt LIKE '%product_dim%'");
            assertThat(dist.get(0)).isEqualTo(2 * dist.get(1));
            assertThat(dist.get(2)).isEqualTo(50_000_000L);
            assertThat(row(c, "SELECT COUNT(*) FROM svl_query_summary s JOIN stl_query q ON q.query = s.query "
                    + "WHERE trim(s.label) LIKE 'bcast%' AND q.querytxt LIKE '%store_dim%'").get(0)).isPositive();
            // A query rewritten into child queries repeats each step once per child, each with its share.
            List<Long> detail = row(c, "SELECT COUNT(*), MAX(input_rows), MAX(output_bytes) FROM (SELECT query_id, segment_id, "
                    + "SUM(input_rows) AS input_rows, SUM(output_bytes) AS output_bytes FROM sys_query_detail "
                    + "WHERE trim(step_name) = 'distribute' GROUP BY query_id, segment_id) d");
            assertThat(detail).containsExactly(dist.get(0), 50_000_000L, 3_200_000_000L);
            assertThat(row(c, "SELECT COUNT(*) FROM sys_query_detail WHERE trim(step_name) = 'broadcast'").get(0)).isPositive();
        }
    }

    @Test
    void vacuumAndAnalyzeStillWorkOnTablesWithRows() throws Exception {
        // The owner or a superuser: a monitoring user's VACUUM or ANALYZE has no effect (r_VACUUM_command).
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin", "Admin-pass1"); Statement st = c.createStatement()) {
            st.execute("ANALYZE public.customer_dim");
            st.execute("VACUUM DELETE ONLY public.sales");
            assertThat(row(c, "SELECT stats_off FROM svv_table_info WHERE \"table\" = 'customer_dim'").get(0)).isZero();
            assertThat(row(c, "SELECT COUNT(*) FROM public.sales").get(0)).isEqualTo(20_000);
        }
    }
}
