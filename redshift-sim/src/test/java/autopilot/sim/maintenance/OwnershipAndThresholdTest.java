package autopilot.sim.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.Psql;
import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * VACUUM and ANALYZE as Redshift decides them: only the owner or a superuser has an effect
 * (r_VACUUM_command: otherwise the VACUUM "completes successfully but has no effect"), and ANALYZE
 * compares the share of rows changed since the last ANALYZE with analyze_threshold_percent, not
 * stats_off (r_ANALYZE), answering ANALYZE SKIP below it.
 */
class OwnershipAndThresholdTest {

    private static final String SCENARIO = """
            name: owners
            cluster: {nodeType: ra3.xlplus, nodes: 1, slicesPerNode: 2}
            users:
              - {name: admin, password: Admin-pass1, superuser: true}
              - {name: etl, password: Etl-pass1}
              - {name: monitor, password: Monitor-pass1, systemAccess: true}
            tables:
              - {name: events, owner: etl, rows: 1000000, unsortedPct: 40, statsOffPct: 30, modifiedPct: 4,
                 sortkey: {type: COMPOUND, columns: [id]}, columns: [{name: id, type: BIGINT}]}
              - {name: a_table_with_a_name_longer_than_thirty_characters, rows: 5000, statsOffPct: 100,
                 columns: [{name: id, type: BIGINT}]}
              - {name: auto_sorted, rows: 5000, sortkey: {type: AUTO}, columns: [{name: id, type: BIGINT}]}
            queries:
              - {text: "select count(*) from events", user: etl, ago: PT10M, execMillis: 100}
              - {text: "select count(*) from auto_sorted", user: monitor, ago: PT5M, execMillis: 100}
            """;

    private SimCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = SimCluster.start(ScenarioLoader.read(new ByteArrayInputStream(SCENARIO.getBytes(StandardCharsets.UTF_8)), "owners"), 0);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Connection as(String user, String password) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), user, password);
    }

    private static List<String> row(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i) == null ? null : rs.getString(i).trim());
                }
            }
            return values;
        }
    }

    /** https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html */
    @Test
    void aRegularUserSeesItsOwnRowsAndAnUnrestrictedOneEveryonesInUserVisibleViews() throws Exception {
        try (Connection etl = as("etl", "Etl-pass1"); Connection monitor = as("monitor", "Monitor-pass1")) {
            assertThat(row(etl, "select count(*), min(trim(querytxt)) from stl_query")).containsExactly("1", "select count(*) from events");
            assertThat(row(etl, "select count(*) from sys_query_history")).containsExactly("1");
            assertThat(row(monitor, "select count(*) from stl_query where trim(querytxt) like 'select count(*) from %'")).containsExactly("2");
        }
    }

    @Test
    void aVacuumByNeitherOwnerNorSuperuserCompletesWithoutEffect() throws Exception {
        try (Connection monitor = as("monitor", "Monitor-pass1"); Statement st = monitor.createStatement()) {
            st.execute("VACUUM SORT ONLY events"); // completes: no error
            assertThat(row(monitor, "select unsorted from svv_table_info where \"table\" = 'events'")).containsExactly("40.00");
            assertThat(row(monitor, "select count(*) from sys_vacuum_history")).containsExactly("0");
        }
        try (Connection etl = as("etl", "Etl-pass1"); Statement st = etl.createStatement()) {
            st.execute("VACUUM SORT ONLY events"); // the owner
        }
        try (Connection monitor = as("monitor", "Monitor-pass1")) {
            assertThat(row(monitor, "select unsorted from svv_table_info where \"table\" = 'events'")).containsExactly("0.00");
        }
    }

    @Test
    void analyzeFollowsTheChangedRowsNotStatsOff() throws Exception {
        try (Connection admin = as("admin", "Admin-pass1"); Statement st = admin.createStatement()) {
            // 4 % of the rows changed since the last ANALYZE, under the default threshold of 10 %, although stats_off is 30.
            assertThat(row(admin, "select staiins + staidels, stairows from pg_statistic_indicator s join pg_class c on c.oid = s.stairelid "
                    + "where c.relname = 'events'")).containsExactly("40000.0", "1000000.0");
            // psql prints the command tag: Redshift answers a skipped ANALYZE with ANALYZE SKIP.
            assertThat(Psql.run(cluster, "dev", "admin", "Admin-pass1", "ANALYZE events;").output().strip()).isEqualTo("ANALYZE SKIP");
            assertThat(row(admin, "select trim(status), modified_rows from stl_analyze order by endtime desc limit 1"))
                    .containsExactly("Skipped", "40000.0");
            assertThat(row(admin, "select stats_off from svv_table_info where \"table\" = 'events'")).containsExactly("30.00");
            st.execute("SET analyze_threshold_percent TO 1");
            st.execute("ANALYZE events");
            assertThat(row(admin, "select stats_off from svv_table_info where \"table\" = 'events'")).containsExactly("0.00");
            assertThat(row(admin, "select staiins + staidels from pg_statistic_indicator s join pg_class c on c.oid = s.stairelid "
                    + "where c.relname = 'events'")).containsExactly("0.0");
        }
    }

    @Test
    void analyzeHistoryCutsNamesToThirtyCharactersAndShowsTheFirstAnalyzeSince2000() throws Exception {
        try (Connection admin = as("admin", "Admin-pass1"); Statement st = admin.createStatement()) {
            st.execute("ANALYZE a_table_with_a_name_longer_than_thirty_characters");
            st.execute("ANALYZE a_table_with_a_name_longer_than_thirty_characters"); // nothing changed since: skipped
            assertThat(row(admin, "select table_name, trim(status), last_analyze_time from sys_analyze_history h "
                    + "join pg_class c on c.oid = h.table_id where c.relname like 'a_table%' order by end_time limit 1"))
                    .containsExactly("a_table_with_a_name_longer_tha", "Full", "2000-01-01 00:00:00");
            assertThat(row(admin, "select count(*), count(distinct table_id) from sys_analyze_history where table_name like 'a_table%'"))
                    .containsExactly("2", "1");
        }
    }

    @Test
    void autoSortKeyWithoutAChosenKeyIsNoSortKeyYet() throws Exception {
        try (Connection admin = as("admin", "Admin-pass1")) {
            assertThat(row(admin, "select sortkey1, sortkey_num, unsorted from svv_table_info where \"table\" = 'auto_sorted'"))
                    .containsExactly("AUTO(SORTKEY)", "0", null);
            assertThat(row(admin, "select count(*) from stv_tbl_perm where block_count = -1")).as("Redshift's own table").isNotEqualTo(List.of("0"));
            assertThat(row(admin, "select sum(size) from svv_table_info"))
                    .isEqualTo(row(admin, "select sum(block_count) from stv_tbl_perm where block_count >= 0"));
        }
    }
}
