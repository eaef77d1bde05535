package autopilot.sim.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.model.ScenarioLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seeded generator builds a cluster of modest size, the same one every time. */
class GeneratedScenarioTest {

    private static List<String> tableInfo(Connection db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "select \"schema\", \"table\", diststyle, sortkey1, size, unsorted, stats_off, tbl_rows, skew_rows "
                        + "from svv_table_info order by 1, 2")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= 9; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static long single(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void sameSeedSameClusterAndTheSizeIsAsConfigured() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            List<List<String>> installs = new ArrayList<>();
            for (String db : new String[] {"first", "second"}) {
                try (Connection admin = pg.getPostgresDatabase().getConnection()) {
                    admin.createStatement().execute("CREATE DATABASE " + db);
                }
                var scenario = ScenarioLoader.shipped("generated-modest");
                var renamed = new autopilot.sim.model.Scenario(scenario.name(), scenario.description(), scenario.cluster(), db,
                        scenario.users().stream().map(u -> new autopilot.sim.model.Scenario.User(db + u.name(), u.password(), u.superuser(), u.systemAccess())).toList(),
                        scenario.tables(), scenario.queues(), scenario.queries(),
                        new autopilot.sim.model.Scenario.Generator(scenario.generator().seed(), scenario.generator().tables(),
                                scenario.generator().queries(), scenario.generator().window(),
                                scenario.generator().patterns().stream().map(p -> new autopilot.sim.model.Scenario.Pattern(p.text(), db + p.user(),
                                        p.weight(), p.serviceClass(), p.execMillis(), p.queueMillis(), p.compileShare(), p.compileMillis(),
                                        p.scans(), p.alerts(), p.steps())).toList()),
                        List.of(), List.of(), List.of(), List.of(), null);
                try (Connection c = pg.getDatabase("postgres", db).getConnection()) {
                    SimDatabase.install(c, renamed, Instant.parse("2026-11-24T12:00:00Z"));
                    installs.add(tableInfo(c));
                    assertThat(single(c, "select count(*) from redshift_sim.stl_query where userid > 1")).isEqualTo(30_000);
                    assertThat(single(c, "select count(*) from svv_table_info where \"schema\" = 'gen'")).isEqualTo(300);
                    assertThat(single(c, "select count(*) from svv_table_info where unsorted > 20")).isPositive();
                }
            }
            assertThat(installs.get(0)).hasSize(300).isEqualTo(installs.get(1));
        }
    }
}
