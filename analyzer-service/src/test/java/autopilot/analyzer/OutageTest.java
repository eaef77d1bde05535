package autopilot.analyzer;

import static autopilot.analyzer.SnapshotAssemblyTest.health;
import static autopilot.analyzer.SnapshotAssemblyTest.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.analyzer.intake.SnapshotIntake;
import autopilot.events.EventCodec;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoServer;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AWS goes away (moto stopped) while a snapshot is analysed: the analysis commits, its events wait
 * in the outbox, and they go out once AWS is back. Its own test profile, so the application that
 * lived through the outage is not reused by other test classes.
 */
@QuarkusTest
@TestProfile(OutageTest.Isolated.class)
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class OutageTest {

    /** A profile of its own: Quarkus starts a fresh application for it. */
    public static class Isolated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autopilot.outbox.interval", "1s");
        }
    }

    private final EventCodec codec = new EventCodec();

    @Inject
    SnapshotIntake intake;
    @Inject
    AgroalDataSource state;

    private long count(String sql) throws Exception {
        try (Connection c = state.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anAwsOutageDelaysEventsAndLosesNone() throws Exception {
        List<String> bodies = snapshot("outage");
        MotoServer.shared().stop();
        try {
            for (String body : bodies) intake.accept(codec.decode(body), body); // analysis commits; sending fails
            assertThat(count("SELECT count(*) FROM outbox WHERE cluster_id = 'outage'")).isGreaterThanOrEqualTo(2);
        } finally {
            Moto.restartHolding(state, "SELECT id FROM outbox FOR UPDATE", moto -> moto);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !health("outage", Duration.ofSeconds(1)).isEmpty());
        assertThat(count("SELECT count(*) FROM outbox WHERE cluster_id = 'outage'")).isZero();
    }
}
