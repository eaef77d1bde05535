package autopilot.sim.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import autopilot.sim.model.WorkloadGenerator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shipped scenario loads, and shows the story it is there to tell. */
class ShippedScenariosTest {

    private static EmbeddedPostgres pg;

    static final List<String> SHIPPED = List.of("healthy", "star-schema", "maintenance-backlog", "saturated-wlm", "aqua", "serverless", "night-incident");

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().setServerConfig("allow_system_table_mods", "on").start();
        for (String name : SHIPPED) {
            install(name).close();
        }
    }

    private static Connection open(String scenario) throws Exception {
        return pg.getDatabase("postgres", scenario.replace('-', '_')).getConnection();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static Connection install(String scenarioName) throws Exception {
        String name = scenarioName.replace('-', '_');
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE \"" + name + "\"");
        }
        Scenario scenario = ScenarioLoader.shipped(scenarioName);
        // Roles are cluster-wide in PostgreSQL: prefix them per scenario so scenarios can share a server.
        Scenario unique = new Scenario(scenario.name(), scenario.description(), scenario.cluster(), name,
                scenario.users().stream().map(u -> new Scenario.User(name + "_" + u.name(), u.password(), u.superuser(), u.systemAccess())).toList(),
                scenario.tables(), scenario.queues(),
                scenario.queries().stream().map(q -> new Scenario.Query(q.text(), name + "_" + q.user(), q.ago(), q.serviceClass(), q.queueMillis(),
                        q.execMillis(), q.compileMillis(), q.aborted(), q.scans(), q.alerts(), q.steps(), q.plan())).toList(),
                scenario.generator(), scenario.inflight(), List.of(), scenario.advisor(), scenario.history(), null);
        Connection db = pg.getDatabase("postgres", name).getConnection();
        SimDatabase.install(db, unique, Instant.now());
        return db;
    }

    private static double single(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getDouble(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"healthy", "star-schema", "maintenance-backlog", "saturated-wlm", "aqua", "serverless", "night-incident"})
    void loads(String name) throws Exception {
        try (Connection db = open(name)) {
            assertThat(single(db, "select count(*) from svv_table_info")).isPositive();
        }
    }

    @org.junit.jupiter.api.Test
    void starSchemaFactIsSkewedByItsNullableKey() throws Exception {
        try (Connection db = open("star-schema")) {
            assertThat(single(db, "select skew_rows from svv_table_info where \"table\" = 'sales'")).isGreaterThan(4);
            assertThat(single(db, "select count(*) from stl_alert_event_log where event like 'Large distribution%'")).isPositive();
        }
    }

    @org.junit.jupiter.api.Test
    void aquaScansSitBesideNormalOnes() throws Exception {
        try (Connection db = open("aqua")) {
            assertThat(single(db, "select count(distinct query) from stl_scan where type = 35")).isEqualTo(8);
            assertThat(single(db, "select count(distinct query) from stl_scan where type = 2 and perm_table_name = 'support_tickets' and userid > 1"))
                    .isEqualTo(4);
        }
    }

    @org.junit.jupiter.api.Test
    void saturatedQueueShowsQueuedQueriesNow() throws Exception {
        try (Connection db = open("saturated-wlm")) {
            assertThat(single(db, "select count(*) from stv_wlm_query_state where state = 'Queued' and service_class = 7")).isEqualTo(12);
            assertThat(single(db, "select percentile_cont(0.5) within group (order by total_queue_time) from stl_wlm_query where service_class = 7"))
                    .isGreaterThan(10_000_000);
        }
    }

    @org.junit.jupiter.api.Test
    void backlogHasAnAutomaticVacuumAndAHugeTable() throws Exception {
        try (Connection db = open("maintenance-backlog")) {
            assertThat(single(db, "select count(*) from stl_vacuum where status like '[VacuumBG]%'")).isEqualTo(2);
            assertThat(single(db, "select size from svv_table_info where \"table\" = 'clicks_archive'")).isGreaterThan(700 * 1024);
            assertThat(single(db, "select count(*) from svv_table_info where \"table\" = 'staging_raw' and unsorted is null")).isEqualTo(1);
        }
    }

    @org.junit.jupiter.api.Test
    void generatorIsDeterministic() {
        Scenario.Generator g = ScenarioLoader.shipped("healthy").generator();
        assertThat(WorkloadGenerator.generate(g)).isEqualTo(WorkloadGenerator.generate(g)).hasSize(2000);
    }
}
