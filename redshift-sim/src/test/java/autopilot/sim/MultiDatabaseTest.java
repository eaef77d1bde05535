package autopilot.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.sim.model.ScenarioLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster of two databases ({@code multi-database}) reached through the Redshift JDBC driver:
 * each database by name, its own tables in SVV_TABLE_INFO and PG_TABLE_DEF, the same cluster-wide
 * logs from both, table ids unique across them, and a scan whose slices did uneven work.
 */
class MultiDatabaseTest {

    private static SimCluster cluster;

    @BeforeAll
    static void start() {
        cluster = SimCluster.start(ScenarioLoader.shipped("multi-database"), 0);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(database), user, password);
    }

    private static Connection monitor(String database) throws SQLException {
        return connect(database, "monitor", "Monitor-pass1");
    }



    @Test
    void eachDatabaseShowsItsOwnTablesInSvvTableInfoAndPgTableDef() throws Exception {
        try (Connection dev = monitor("dev"); Connection analytics = monitor("analytics")) {
            String tables = "select \"database\", \"schema\", \"table\" from svv_table_info order by 2, 3";
            assertThat(Rows.stripped(dev, tables)).containsExactly(List.of("dev", "public", "customers"), List.of("dev", "public", "orders"));
            assertThat(Rows.stripped(analytics, tables)).containsExactly(List.of("analytics", "mart", "daily_revenue"),
                    List.of("analytics", "public", "events"), List.of("analytics", "public", "orders"));

            String defs = "select distinct schemaname, tablename from pg_table_def order by 1, 2";
            assertThat(Rows.stripped(dev, defs)).containsExactly(List.of("public", "customers"), List.of("public", "orders"));
            try (Statement st = analytics.createStatement()) {
                st.execute("set search_path to public, mart");
            }
            assertThat(Rows.stripped(analytics, defs)).containsExactly(List.of("mart", "daily_revenue"), List.of("public", "events"),
                    List.of("public", "orders"));
            // Same table name, its own definition in each database.
            assertThat(Rows.stripped(dev, "select \"column\" from pg_table_def where tablename = 'orders' order by 1"))
                    .extracting(r -> r.get(0)).containsExactly("amount", "customer_id", "order_date", "order_id");
            assertThat(Rows.stripped(analytics, "select \"column\" from pg_table_def where tablename = 'orders' order by 1"))
                    .extracting(r -> r.get(0)).containsExactly("amount", "order_date", "order_id", "region");
        }
    }

    @Test
    void svvRedshiftDatabasesListsEveryDatabaseFromEither() throws Exception {
        try (Connection dev = monitor("dev"); Connection analytics = monitor("analytics")) {
            String sql = "select database_name, database_type from svv_redshift_databases order by 1";
            List<List<String>> expected = List.of(List.of("analytics", "local"), List.of("dev", "local"));
            assertThat(Rows.stripped(dev, sql)).isEqualTo(expected);
            assertThat(Rows.stripped(analytics, sql)).isEqualTo(expected);
        }
    }

    @Test
    void bothDatabasesSeeTheSameClusterWideLogs() throws Exception {
        try (Connection dev = monitor("dev"); Connection analytics = monitor("analytics")) {
            for (String sql : List.of("select query, trim(database), trim(querytxt) from stl_query order by query",
                    "select query_id, trim(database_name) from sys_query_history order by query_id",
                    "select query, slice, tbl, rows from stl_scan order by query, segment, slice",
                    "select id, slice, db_id, rows from stv_tbl_perm order by id, slice",
                    "select table_id, trim(status) from stl_vacuum order by eventtime",
                    "select table_id, trim(database) from stl_analyze order by starttime")) {
                List<List<String>> fromDev = Rows.stripped(dev, sql);
                assertThat(fromDev).as(sql).isNotEmpty();
                assertThat(Rows.stripped(analytics, sql)).as(sql).isEqualTo(fromDev);
            }
            Map<String, Long> queriesPerDatabase = new TreeMap<>();
            for (List<String> row : Rows.stripped(dev, "select trim(database), count(*) from stl_query where userid > 1 group by 1")) {
                queriesPerDatabase.put(row.get(0), Long.parseLong(row.get(1)));
            }
            // 4 listed queries (2 of them in analytics) and 400 generated ones from patterns of both databases;
            // userid > 1 leaves out Redshift's own statements (rdsdb), as the docs advise.
            assertThat(queriesPerDatabase.keySet()).containsExactly("analytics", "dev");
            assertThat(queriesPerDatabase.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(404);
            assertThat(queriesPerDatabase.get("analytics")).isGreaterThan(2);
            assertThat(Rows.single(dev, "select count(*) from stl_analyze where trim(database) = 'analytics'")).isEqualTo(1);
        }
    }

    @Test
    void tableIdsAreUniqueAcrossDatabasesAndScansJoinTheTablesOfTheirDatabase() throws Exception {
        try (Connection dev = monitor("dev"); Connection analytics = monitor("analytics")) {
            Set<Long> ids = new HashSet<>();
            long tables = 0;
            long joined = 0;
            for (Connection c : List.of(dev, analytics)) {
                for (List<String> row : Rows.stripped(c, "select table_id from svv_table_info")) {
                    ids.add(Long.parseLong(row.get(0)));
                    tables++;
                }
                // A scan row belongs to exactly one database's table, under that table's name.
                joined += Rows.single(c, "select count(*) from stl_scan s join svv_table_info t on t.table_id = s.tbl");
                assertThat(Rows.single(c, "select count(*) from stl_scan s join svv_table_info t on t.table_id = s.tbl "
                        + "where trim(s.perm_table_name) <> t.\"table\"")).isZero();
                // STV_TBL_PERM covers every database; db_id names the database a table is in.
                assertThat(Rows.single(c, "select count(distinct p.db_id) from stv_tbl_perm p join svv_table_info t on t.table_id = p.id "
                        + "where p.db_id = (select oid from pg_database where datname = current_database())"))
                        .isEqualTo(1);
                assertThat(Rows.single(c, "select sum(size) from svv_table_info"))
                        .isEqualTo(Rows.single(c, "select count(*) from stv_blocklist b join svv_table_info t on t.table_id = b.tbl"));
            }
            assertThat(ids).hasSize(5).hasSize((int) tables);
            assertThat(joined).isEqualTo(Rows.single(dev, "select count(*) from stl_scan"));
            assertThat(Rows.single(dev, "select count(distinct id) from stv_tbl_perm where name <> 'padb_config_harvest'")).isEqualTo(5);
            assertThat(Rows.single(dev, "select count(distinct db_id) from stv_tbl_perm")).isEqualTo(2);

            long devOrders = Rows.single(dev, "select table_id from svv_table_info where \"table\" = 'orders'");
            long analyticsOrders = Rows.single(analytics, "select table_id from svv_table_info where \"table\" = 'orders'");
            long mart = Rows.single(analytics, "select table_id from svv_table_info where \"table\" = 'daily_revenue'");
            assertThat(devOrders).isNotEqualTo(analyticsOrders);
            // The cross-database query, logged in dev, scanned a table of each database.
            assertThat(Rows.stripped(dev, "select distinct s.tbl from stl_scan s join stl_query q on q.query = s.query "
                    + "where q.querytxt like '%analytics.mart.daily_revenue%' order by 1"))
                    .extracting(r -> Long.parseLong(r.get(0))).containsExactlyInAnyOrder(devOrders, mart);
            // A query run in analytics on "public.orders" scanned analytics' orders, not dev's.
            assertThat(Rows.stripped(dev, "select distinct s.tbl from stl_scan s join stl_query q on q.query = s.query "
                    + "where q.querytxt like 'select region, sum(amount)%'"))
                    .extracting(r -> Long.parseLong(r.get(0))).containsExactly(analyticsOrders);
            assertThat(Rows.single(analytics, "select count(*) from svv_alter_table_recommendations")).isEqualTo(1);
            assertThat(Rows.single(dev, "select count(*) from svv_alter_table_recommendations")).isZero();
        }
    }

    @Test
    void unevenSliceFiguresShowPerSliceAndTheTotalsAgreeAcrossViews() throws Exception {
        try (Connection c = monitor("analytics")) {
            long query = Rows.single(c, "select query from stl_query where querytxt like 'select kind, count(*) from events where event_time%'");
            List<List<Long>> slices = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select slice, rows, bytes, rows_pre_filter, "
                    + "rows_pre_user_filter, starttime, endtime from stl_scan where query = " + query + " order by slice")) {
                while (rs.next()) {
                    slices.add(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getTimestamp(7).getTime() - rs.getTimestamp(6).getTime()));
                }
            }
            assertThat(slices).containsExactly(List.of(0L, 3_600_000L, 172_800_000L, 3_800_000L, 3_800_000L, 2400L),
                    List.of(1L, 150_000L, 9_600_000L, 150_000L, 150_000L, 110L),
                    List.of(2L, 140_000L, 8_960_000L, 140_000L, 140_000L, 105L),
                    List.of(3L, 160_000L, 10_240_000L, 170_000L, 160_000L, 120L));
            long rows = slices.stream().mapToLong(r -> r.get(1)).sum();
            long bytes = slices.stream().mapToLong(r -> r.get(2)).sum();
            long preFilter = slices.stream().mapToLong(r -> r.get(3)).sum();
            long maxMicros = slices.stream().mapToLong(r -> r.get(5)).max().orElseThrow() * 1000;
            long avgMicros = slices.stream().mapToLong(r -> r.get(5)).sum() * 1000 / slices.size();
            assertThat(Rows.stripped(c, "select rows, bytes, maxtime, avgtime from svl_query_summary where query = " + query))
                    .containsExactly(List.of(Long.toString(rows), Long.toString(bytes), Long.toString(maxMicros), Long.toString(avgMicros)));
            assertThat(Rows.stripped(c, "select output_rows, input_rows, duration from sys_query_detail where step_id = 0 and query_id = " + query))
                    .containsExactly(List.of(Long.toString(rows), Long.toString(preFilter), Long.toString(maxMicros)));
            // Every other scan is split evenly: one figure per slice, within one row of each other.
            assertThat(Rows.single(c, "select count(*) from (select query, segment from stl_scan where query <> " + query
                    + " group by 1, 2 having max(rows) - min(rows) > 1) uneven")).isZero();
        }
    }

    @Test
    void scenarioUsersConnectToEveryDatabaseWithTheirOwnRights() throws Exception {
        try (Connection analyst = connect("analytics", "analyst", "Analyst-pass1")) {
            assertThat(Rows.single(analyst, "select count(*) from mart.daily_revenue")).as("the table's sample").isEqualTo(5000);
            assertThat(Rows.single(analyst, "select count(*) from stl_query where userid <> (select usesysid from pg_user where usename = current_user)"))
                    .as("own rows only").isZero();
            assertThatThrownBy(() -> Rows.single(analyst, "select count(*) from stv_tbl_perm"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> connect("analytics", "analyst", "wrong").close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect("nosuchdb", "analyst", "Analyst-pass1").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("nosuchdb");
        try (Connection admin = connect("analytics", "admin", "Admin-pass1")) {
            assertThat(Rows.single(admin, "select count(*) from stl_query where userid > 1")).isEqualTo(404);
        }
    }

    @Test
    void serverlessWorkgroupOfTwoDatabasesHasSysViewsOnlyInBoth() throws Exception {
        String yaml = """
                name: sl-two
                cluster: {nodeType: serverless, nodes: 1, slicesPerNode: 4, serverless: true}
                databases: [dev, sales]
                users: [{name: monitor, password: Monitor-pass1, systemAccess: true}]
                tables:
                  - {database: sales, name: orders, rows: 1000, columns: [{name: id, type: BIGINT}]}
                queries:
                  - {text: "select count(*) from orders", database: sales, scans: [{table: orders, type: 2, rows: 1000, millis: 5}]}
                """;
        var scenario = ScenarioLoader.read(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "inline");
        try (SimCluster serverless = SimCluster.start(scenario, 0);
             Connection sales = DriverManager.getConnection(serverless.jdbcUrl("sales"), "monitor", "Monitor-pass1");
             Connection dev = DriverManager.getConnection(serverless.jdbcUrl(), "monitor", "Monitor-pass1")) {
            assertThat(Rows.stripped(sales, "select trim(database_name), trim(query_text) from sys_query_history"))
                    .containsExactly(List.of("sales", "select count(*) from orders"))
                    .isEqualTo(Rows.stripped(dev, "select trim(database_name), trim(query_text) from sys_query_history"));
            assertThat(Rows.stripped(sales, "select \"table\" from svv_table_info")).containsExactly(List.of("orders"));
            assertThat(Rows.stripped(dev, "select \"table\" from svv_table_info")).isEmpty();
            assertThatThrownBy(() -> Rows.stripped(sales, "select count(*) from stl_query")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    void systemViewsHaveTheSameColumnsInEveryDatabase() throws Exception {
        String columns = "select c.relname, a.attname, format_type(a.atttypid, a.atttypmod) from pg_attribute a "
                + "join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = 'pg_catalog' and c.relkind = 'v' and (c.relname ~ '^(stl|stv|svl|svv|sys)_' or c.relname = 'pg_table_def') "
                + "and a.attnum > 0 order by 1, a.attnum";
        try (Connection dev = connect("dev", "admin", "Admin-pass1"); Connection analytics = connect("analytics", "admin", "Admin-pass1")) {
            List<List<String>> fromDev = Rows.stripped(dev, columns);
            assertThat(fromDev).hasSizeGreaterThan(200);
            assertThat(Rows.stripped(analytics, columns)).isEqualTo(fromDev);
        }
    }

    @Test
    void vacuumInOneDatabaseWorksOnItsTableAndShowsFromEveryDatabase() throws Exception {
        try (Connection analytics = connect("analytics", "admin", "Admin-pass1"); Connection dev = monitor("dev")) {
            long analyticsOrders = Rows.single(analytics, "select table_id from svv_table_info where \"table\" = 'orders'");
            long devOrders = Rows.single(dev, "select table_id from svv_table_info where \"table\" = 'orders'");
            String devVacuums = "select count(*) from stl_vacuum where table_id = " + devOrders;
            long devVacuumRows = Rows.single(dev, devVacuums);
            String devUnsorted = Rows.stripped(dev, "select unsorted from svv_table_info where \"table\" = 'orders'").get(0).get(0);
            try (Statement st = analytics.createStatement()) {
                st.execute("vacuum sort only orders");
            }
            assertThat(Rows.stripped(analytics, "select unsorted from svv_table_info where \"table\" = 'orders'").get(0).get(0)).isEqualTo("0.00");
            assertThat(Rows.stripped(dev, "select unsorted from svv_table_info where \"table\" = 'orders'").get(0).get(0)).isEqualTo(devUnsorted);
            try (PreparedStatement ps = dev.prepareStatement(
                    "select trim(database_name), trim(table_name) from sys_vacuum_history where table_id = ? and status = 'Complete'")) {
                ps.setLong(1, analyticsOrders);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("analytics");
                    assertThat(rs.getString(2)).isEqualTo("orders");
                }
            }
            assertThat(Rows.single(dev, "select count(*) from stl_vacuum where table_id = " + analyticsOrders + " and trim(status) = 'Finished'"))
                    .isEqualTo(1);
            assertThat(Rows.single(dev, devVacuums)).isEqualTo(devVacuumRows);
        }
    }
}
