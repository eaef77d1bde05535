package autopilot.sim.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * VACUUM and ANALYZE on the maintenance-backlog scenario through the Redshift JDBC driver, with
 * Redshift's rules and their effects visible in SVV_TABLE_INFO and the history views.
 */
class MaintenanceBehaviourTest {

    private static SimCluster cluster;

    @BeforeAll
    static void start() {
        // Fast enough that every VACUUM here finishes at once.
        cluster = SimCluster.start(ScenarioLoader.shipped("maintenance-backlog"), SimCluster.Options.defaults().withVacuumSpeed(1e9));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static Connection admin(SimCluster on) throws SQLException {
        return DriverManager.getConnection(on.jdbcUrl(), "admin", "Admin-pass1");
    }

    static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<String> column(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String unsorted(Connection c, String table) throws SQLException {
        return text(c, "select unsorted from svv_table_info where \"table\" = '" + table + "'");
    }

    private static List<String> vacuumStatuses(Connection c, String table) throws SQLException {
        return column(c, "select trim(v.status) from stl_vacuum v join svv_table_info t on t.table_id = v.table_id "
                + "where t.\"table\" = '" + table + "' and v.status not like '[VacuumBG]%' and v.xid >= 5000000 order by v.eventtime, v.status desc");
    }

    @Test
    void sortOnlySortsTheTableAndRecordsItsHistory() throws Exception {
        try (Connection c = admin(cluster)) {
            assertThat(Double.parseDouble(unsorted(c, "orders_history"))).isEqualTo(70.0);
            execute(c, "VACUUM SORT ONLY orders_history TO 75 PERCENT");
            assertThat(Double.parseDouble(unsorted(c, "orders_history"))).isZero();
            assertThat(vacuumStatuses(c, "orders_history")).containsExactly("Started Sort Only", "Finished");
            assertThat(text(c, "select trim(status) || '/' || trim(vacuum_type) from sys_vacuum_history "
                    + "where table_name = 'orders_history' and transaction_id >= 5000000")).isEqualTo("Complete/Sort");
        }
    }

    @Test
    void sortIsSkippedWhenTheTableIsSortedBeyondTheThreshold() throws Exception {
        try (Connection c = admin(cluster)) {
            execute(c, "VACUUM SORT ONLY customers");
            assertThat(Double.parseDouble(unsorted(c, "customers"))).isEqualTo(2.0);
            assertThat(vacuumStatuses(c, "customers")).containsExactly("Skipped (sort only, sorted>=95"); // status is character(30)
            execute(c, "VACUUM SORT ONLY customers TO 99 PERCENT");
            assertThat(Double.parseDouble(unsorted(c, "customers"))).isZero();
        }
    }

    @Test
    void aTableWithoutSortKeyIsNeverSorted() throws Exception {
        try (Connection c = admin(cluster)) {
            execute(c, "VACUUM SORT ONLY staging_raw TO 100 PERCENT");
            assertThat(unsorted(c, "staging_raw")).isNull();
            assertThat(vacuumStatuses(c, "staging_raw")).containsExactly("Skipped (sort only, sorted>=10"); // status is character(30)
        }
    }

    @Test
    void openTransactionsKeepDeleteFromReclaimingRows() throws Exception {
        try (Connection c = admin(cluster)) {
            String before = text(c, "select tbl_rows from svv_table_info where \"table\" = 'events'");
            execute(c, "VACUUM DELETE ONLY events");
            assertThat(text(c, "select tbl_rows from svv_table_info where \"table\" = 'events'")).isEqualTo(before);
            assertThat(text(c, "select reclaimed_rows from sys_vacuum_history where table_name = 'events' and transaction_id >= 5000000"))
                    .isEqualTo("0");

            try (Connection underlying = cluster.underlyingConnection()) {
                execute(underlying, "delete from redshift_sim.svv_transactions"); // the long transaction ends
            }
            execute(c, "VACUUM FULL inventory");
            assertThat(text(c, "select tbl_rows from svv_table_info where \"table\" = 'inventory'")).isEqualTo("14000000");
            assertThat(text(c, "select estimated_visible_rows from svv_table_info where \"table\" = 'inventory'")).isEqualTo("14000000");
            assertThat(Double.parseDouble(unsorted(c, "inventory"))).isZero();
            assertThat(text(c, "select sum(size) from svv_table_info where \"table\" = 'inventory'"))
                    .isEqualTo(text(c, "select count(*) from stv_blocklist b join svv_table_info t on t.table_id = b.tbl where t.\"table\" = 'inventory'"));
        }
    }

    @Test
    void vacuumInsideATransactionBlockFails() throws Exception {
        try (Connection c = admin(cluster)) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> execute(c, "VACUUM orders_history"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25001"))
                    .hasMessageContaining("VACUUM cannot run inside a transaction block");
            c.rollback();
        }
    }

    @Test
    void invalidCombinationsFailAsOnRedshift() throws Exception {
        try (Connection c = admin(cluster)) {
            assertSqlState(c, "VACUUM REINDEX orders_history TO 50 PERCENT", "0A000");
            assertSqlState(c, "VACUUM RECLUSTER orders_history TO 50 PERCENT", "0A000");
            assertSqlState(c, "VACUUM BOOST", "0A000");
            assertSqlState(c, "VACUUM REINDEX orders_history BOOST", "0A000");
            assertSqlState(c, "VACUUM RECLUSTER lookup", "0A000");
            assertSqlState(c, "VACUUM SORT ONLY TO 50 PERCENT", "42601");
            assertSqlState(c, "VACUUM orders_history TO 101 PERCENT", "22023");
            assertSqlState(c, "VACUUM no_such_table", "42P01");
        }
    }

    @Test
    void hostileTableNameIsJustAMissingTable() throws Exception {
        try (Connection c = admin(cluster)) {
            assertSqlState(c, "VACUUM \"x\"\"; DROP TABLE customers; --\"", "42P01");
            assertThat(text(c, "select count(*) from svv_table_info where \"table\" = 'customers'")).isEqualTo("1");
        }
    }

    @Test
    void analyzeRefreshesStatisticsAboveTheSessionThreshold() throws Exception {
        try (Connection c = admin(cluster)) {
            execute(c, "ANALYZE customers");
            assertThat(Double.parseDouble(text(c, "select stats_off from svv_table_info where \"table\" = 'customers'"))).isZero();
            execute(c, "ANALYZE events");
            assertThat(Double.parseDouble(text(c, "select stats_off from svv_table_info where \"table\" = 'events'"))).isEqualTo(3.0);
            execute(c, "SET analyze_threshold_percent TO 0");
            execute(c, "ANALYZE events PREDICATE COLUMNS");
            assertThat(Double.parseDouble(text(c, "select stats_off from svv_table_info where \"table\" = 'events'"))).isZero();
            assertThat(column(c, "select trim(a.status) from stl_analyze a join svv_table_info t on t.table_id = a.table_id "
                    + "where t.\"table\" = 'events' and a.xid >= 5000000 order by a.starttime, a.xid"))
                    .containsExactly("Skipped", "PredicateColumn");
            assertThat(text(c, "select count(*) from sys_analyze_history where table_name = 'customers' and status = 'Full' "
                    + "and transaction_id >= 5000000")).isEqualTo("1");
        }
    }

    @Test
    void analyzeCompressionReturnsARowPerColumn() throws Exception {
        try (Connection c = admin(cluster)) {
            assertThat(column(c, "ANALYZE COMPRESSION customers")).containsExactly("customers", "customers");
            assertThat(column(c, "select 1")).containsExactly("1");
        }
    }

    @Test
    void redshiftSessionSettingsAreAccepted() throws Exception {
        try (Connection c = admin(cluster)) {
            execute(c, "SET query_group TO 'autopilot-maintenance'");
            execute(c, "SET wlm_query_slot_count TO 3");
            execute(c, "RESET query_group");
            assertSqlState(c, "SET wlm_query_slot_count TO lots", "22023");
        }
    }

    static void assertSqlState(Connection c, String sql, String sqlState) {
        assertThatThrownBy(() -> execute(c, sql)).as(sql)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(sqlState));
    }
}
