package autopilot.maintenance.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.TableRef;
import autopilot.maintenance.plan.Observation;
import autopilot.redshift.ClusterLogin;
import autopilot.redshift.RedshiftDriver;
import autopilot.redshift.ServerlessDetection;
import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The re-check on a Serverless workgroup, which refuses STL/STV with permission denied: it asks the
 * SYS_* views instead, sees a VACUUM that has not ended and the queries queued now.
 */
class ServerlessObservationTest {

    private static SimCluster sim;

    @BeforeAll
    static void start() throws Exception {
        String yaml = """
                name: serverless-recheck
                cluster: {nodeType: serverless, nodes: 1, slicesPerNode: 4, serverless: true}
                database: dev
                users: [{name: admin, password: Admin-pass1, superuser: true}, {name: app, password: App-pass1}]
                tables: [{schema: public, name: events, rows: 1000000, unsortedPct: 30, sortkey: {type: COMPOUND, columns: [id]},
                          columns: [{name: id, type: BIGINT}]}]
                inflight:
                  - {text: "select count(*) from events", user: app, serviceClass: 6, state: Running, ago: PT20S}
                  - {text: "select id from events", user: app, serviceClass: 6, state: Queued, ago: PT5S}
                """;
        sim = SimCluster.start(ScenarioLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "serverless-recheck"), 0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static Connection connect() throws Exception {
        return RedshiftDriver.connect(new ClusterLogin("test", sim.jdbcUrl(), "admin", Optional.of("Admin-pass1"), Optional.empty()),
                "Admin-pass1");
    }

    @Test
    void serverlessIsObservedThroughSysViews() throws Exception {
        Instant now = Instant.now();
        try (Connection c = connect()) {
            assertThat(ServerlessDetection.serverless(sim.jdbcUrl(), c)).isTrue();
            Observation idle = ClusterReader.observe(c, new TableRef("dev", "public", "events", null), Duration.ofMinutes(30), now, true);
            assertThat(idle.table()).isNotNull();
            assertThat(idle.table().unsortedPct()).isEqualTo(30.0);
            assertThat(idle.queuedQueries()).isEqualTo(1);
            assertThat(idle.vacuumRunning()).isFalse();

            try (Connection db = sim.underlyingConnection(); Statement st = db.createStatement()) {
                st.execute("INSERT INTO redshift_sim.sys_vacuum_history (user_id, transaction_id, database_name, schema_name, table_name, "
                        + "table_id, vacuum_type, is_automatic, status, start_time) SELECT 100, 900001, 'dev', 'public', 'events', "
                        + "'public.events'::regclass::oid::integer, 'Sort', false, 'Sort', (now() at time zone 'UTC') - interval '1 minute'");
            }
            assertThat(ClusterReader.observe(c, new TableRef("dev", "public", "events", null), Duration.ofMinutes(30), now, true).vacuumRunning())
                    .isTrue();
        }
    }
}
