package autopilot.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clusters of one fleet over one PostgreSQL ({@code multi-database}: two databases each), read
 * through the Redshift JDBC driver: each sees only its own databases, under their Redshift names,
 * and what is done on one does not show on the other.
 */
class FleetTest {

    private static final String PASSWORD = "Monitor-pass1";
    private static final List<String> DATABASES = List.of("dev", "analytics");

    private static SimFleet fleet;
    private static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void start() {
        fleet = SimFleet.start(ScenarioLoader.shipped("multi-database"), new SimFleet.Settings(2, 0, null, 2), progress::add);
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    private static SimCluster member(int number) {
        return fleet.members().get(number - 1).cluster();
    }

    private static Connection connect(SimCluster cluster, String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(database), user, password);
    }

    @Test
    void membersAreNumberedAndReportedAsTheyComeUp() {
        assertThat(fleet.members()).extracting(SimFleet.Member::id).containsExactly("sim-01", "sim-02");
        assertThat(progress).hasSize(2).allMatch(line -> line.matches("fleet [12]/2 up: sim-0[12] on port \\d+ \\(.* s\\)"));
        assertThat(SimFleet.id(7, 40)).isEqualTo("sim-07");
        assertThat(SimFleet.id(7, 120)).isEqualTo("sim-007");
        // Underneath, each member's databases are its own.
        assertThat(member(1).underlyingUrl()).endsWith("/sim_01__dev");
        assertThat(member(2).underlyingUrl()).endsWith("/sim_02__dev");
    }

    @Test
    void everyNameAClientSeesIsTheRedshiftName() throws Exception {
        for (SimFleet.Member m : fleet.members()) {
            for (String database : DATABASES) {
                try (Connection c = connect(m.cluster(), database, "monitor", PASSWORD)) {
                    String at = m.id() + "/" + database;
                    assertThat(Rows.stripped(c, "select current_database(), pg_catalog.current_database()")).as(at)
                            .containsExactly(List.of(database, database));
                    assertThat(Rows.stripped(c, "select database_name from svv_redshift_databases order by 1")).as(at)
                            .containsExactly(List.of("analytics"), List.of("dev"));
                    assertThat(Rows.stripped(c, "select datname from pg_database where not datistemplate order by 1")).as(at)
                            .containsExactly(List.of("analytics"), List.of("dev"));
                    assertThat(Rows.stripped(c, "select datname from pg_database_info where datname = current_database()")).as(at)
                            .containsExactly(List.of(database));
                    assertThat(Rows.stripped(c, "select distinct datname from pg_stat_activity")).as(at)
                            .isNotEmpty().allMatch(row -> DATABASES.contains(row.get(0)));
                    assertThat(Rows.stripped(c, "select distinct \"database\" from svv_table_info")).as(at)
                            .containsExactly(List.of(database));
                }
            }
        }
    }

    @Test
    void aTableChangedOnOneMemberIsNotSeenOnTheOther() throws Exception {
        try (Connection one = connect(member(1), "dev", "admin", "Admin-pass1");
             Connection two = connect(member(2), "dev", "admin", "Admin-pass1")) {
            try (Statement st = one.createStatement()) {
                st.execute("create table public.only_on_sim_01 (id integer)");
                st.execute("insert into public.orders select * from public.orders limit 10");
            }
            String probe = "select count(*) from pg_class where relname = 'only_on_sim_01'";
            assertThat(Rows.single(one, probe)).isEqualTo(1);
            assertThat(Rows.single(two, probe)).isZero();
            // Both started with the scenario's 5,000-row sample of public.orders.
            assertThat(Rows.single(one, "select count(*) from public.orders")).isEqualTo(5_010);
            assertThat(Rows.single(two, "select count(*) from public.orders")).isEqualTo(5_000);

            // Maintenance acts on the member it was sent to: its model changes, the other's does not.
            String vacuums = "select count(*) from sys_vacuum_history";
            long before = Rows.single(two, vacuums);
            try (Statement st = one.createStatement()) {
                st.execute("vacuum public.orders");
            }
            assertThat(Rows.single(one, vacuums)).isGreaterThan(before);
            assertThat(Rows.single(two, vacuums)).isEqualTo(before);
        }
        // A table of the second database is reached there, on the right member.
        try (Connection analytics = connect(member(2), "analytics", "admin", "Admin-pass1"); Statement st = analytics.createStatement()) {
            st.execute("analyze public.events");
            assertThat(Rows.stripped(analytics, "select trim(database_name), trim(table_name) from sys_analyze_history "
                    + "where trim(table_name) = 'events'")).contains(List.of("analytics", "events"));
        }
    }

    @Test
    void aDatabaseOfAnotherMemberOrOfTheServerIsRefusedByItsRequestedName() {
        for (String other : List.of("sim_02__dev", "postgres")) {
            assertThatThrownBy(() -> connect(member(1), other, "monitor", PASSWORD).close())
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("3D000"))
                    .hasMessageContaining("database \"" + other + "\" does not exist");
        }
    }

    @Test
    void theManifestListsEveryMemberWithAPortThatTakesARedshiftConnection(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fleet.json");
        fleet.writeManifest(file);
        List<Map<String, Object>> manifest = new ObjectMapper().readValue(Files.readString(file), new TypeReference<>() { });
        assertThat(manifest).extracting(e -> e.get("id")).containsExactly("sim-01", "sim-02");
        for (Map<String, Object> entry : manifest) {
            assertThat(entry).containsEntry("host", "127.0.0.1").containsEntry("database", "dev")
                    .containsEntry("databases", DATABASES).containsEntry("user", "monitor").containsEntry("password", PASSWORD)
                    .containsEntry("nodeType", "ra3.xlplus").containsEntry("nodes", 2).containsEntry("serverless", false);
            String url = "jdbc:redshift://" + entry.get("host") + ":" + entry.get("port") + "/" + entry.get("database") + "?ssl=false";
            try (Connection c = DriverManager.getConnection(url, (String) entry.get("user"), (String) entry.get("password"))) {
                assertThat(Rows.single(c, "select count(*) from svv_redshift_databases")).isEqualTo(2);
            }
        }
        assertThat(manifest).extracting(e -> e.get("port")).doesNotHaveDuplicates();
    }

    @Test
    void aGeneratedScenarioIsReseededPerMemberAndTheSameSeedGivesTheSameCluster() {
        Scenario modest = ScenarioLoader.shipped("fleet-member");
        Scenario second = modest.withGeneratorSeed(modest.generator().seed() + 1);
        assertThat(modest.withGeneratorSeed(modest.generator().seed())).isSameAs(modest);
        assertThat(second.tables()).hasSameSizeAs(modest.tables()).isNotEqualTo(modest.tables());
        assertThat(second.tables()).extracting(Scenario.Table::name).isEqualTo(modest.tables().stream().map(Scenario.Table::name).toList());
        // The listed tables stay as they are; only the generated ones change.
        assertThat(second.tables().subList(0, 2)).isEqualTo(modest.tables().subList(0, 2));
        assertThat(second.tables()).isEqualTo(modest.withGeneratorSeed(modest.generator().seed() + 1).tables());
    }
}
