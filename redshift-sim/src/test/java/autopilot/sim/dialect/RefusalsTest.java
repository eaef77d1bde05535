package autopilot.sim.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What Redshift refuses, the simulator refuses, with Redshift's SQLSTATE and message where AWS documents them. */
class RefusalsTest {

    private static SimCluster cluster;
    private static Connection admin;

    @BeforeAll
    static void start() throws SQLException {
        cluster = SimCluster.start(ScenarioLoader.shipped("healthy"), 0);
        admin = DriverManager.getConnection(cluster.jdbcUrl(), "admin", "Admin-pass1");
    }

    @AfterAll
    static void stop() throws SQLException {
        admin.close();
        cluster.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            select current_schema(), userid from stl_query                       | 0A000 | not supported on Amazon Redshift tables
            select now() as t, count(*) from svv_table_info                      | 0A000 | not supported on Amazon Redshift tables
            select query from stl_scan where starttime > current_timestamp - interval '1 hour' | 0A000 | not supported on Amazon Redshift tables
            select generate_series(1, 3), query from stl_query                   | 0A000 | not supported on Amazon Redshift tables
            select has_table_privilege('monitor', 'public.orders', 'select'), count(*) from orders | 0A000 | not supported on Amazon Redshift tables
            select listagg(usename, ',') from pg_user                           | XX000 | must be applied on at least one user created table
            select median(x) from (select 1 as x) t                             | XX000 | must be applied on at least one user created table
            select E'tab\\there'                                                | 42704 | type "e" does not exist
            select 1 from stl_query where label is distinct from 'x'           | 0A000 | IS [NOT] DISTINCT FROM
            select array[1, 2]                                                  | 0A000 | array constructors
            create index i on orders (order_id)                                       | 0A000 | CREATE INDEX
            """)
    void refusedAsRedshiftRefusesIt(String sql, String sqlState, String message) {
        assertThatThrownBy(() -> {
            try (Statement st = admin.createStatement()) {
                st.execute(sql);
            }
        }).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo(sqlState);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // leader-node functions with catalog relations only, or no relation (c_sql-functions-leader-node)
            "select * from pg_table_def where schemaname = current_schema() limit 1",
            "select generate_series(1, 3)",
            "select has_table_privilege(u.usename, 'public.orders', 'select') from pg_user u",
            // AWS's own admin views combine CURRENT_TIMESTAMP with relations the leader serves
            "select extract(epoch from current_timestamp) - extract(epoch from txn_start) from svv_transactions",
            // compute-node functions with a system table of the compute nodes
            "select listagg(query, ',') within group (order by query) from stl_query where query < 1003",
            // ... or with any system table (r_LISTAGG), as AWS's v_get_blocking_locks does with SVV_TRANSACTIONS
            "select listagg(pid, ',') from svv_transactions",
            // EXTRACT(... FROM column) names no relation
            "select extract(epoch from starttime) from stl_query limit 1"})
    void runsWhereRedshiftRunsIt(String sql) throws SQLException {
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.getMetaData().getColumnCount()).isPositive();
        }
    }
}
