package autopilot.collector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.EventCodec;
import autopilot.events.SnapshotPartCollected;
import autopilot.sim.SimCluster;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.QueueProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** However many tables a cluster has, every part stays under the limit and the parts add up to the cluster. */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(TenThousandTablesTest.WideCluster.class)
class TenThousandTablesTest {

    /** large-collect's 10,000 tables with a small workload, as cluster {@code wide}. */
    public static class WideCluster implements QuarkusTestResourceLifecycleManager {
        static SimCluster cluster;

        @Override
        public Map<String, String> start() {
            Scenario large = ScenarioLoader.shipped("large-collect");
            Scenario.Generator g = large.generator();
            Scenario small = new Scenario(large.name(), large.description(), large.cluster(), large.database(), large.users(),
                    large.tables(), large.queues(), large.queries(),
                    new Scenario.Generator(g.seed(), g.tables(), 1_000, g.window(), g.patterns()),
                    large.inflight(), large.transactions(), large.advisor(), large.history(), null);
            cluster = SimCluster.start(small, 0);
            return Map.of("autopilot.collector.clusters.wide.jdbc-url", cluster.jdbcUrl(),
                    "autopilot.collector.clusters.wide.user", "monitor",
                    "autopilot.collector.clusters.wide.password", "Monitor-pass1",
                    "autopilot.collector.schedule-enabled", "false");
        }

        @Override
        public void stop() {
            cluster.close();
        }
    }

    @Test
    void tableHealthOfTenThousandTablesFitsInPartsThatAddUpToTheCluster() throws Exception {
        Moto moto = Moto.shared();
        QueueProbe queue = new QueueProbe(moto.clients().sqs(), moto.topology().snapshotsUrl());
        queue.collect(Duration.ofSeconds(1));
        String snapshot = given().post("/api/v1/clusters/wide/collect").then().statusCode(200).extract().jsonPath().getString("snapshotId");
        List<Message> messages = queue.collect(Duration.ofSeconds(3));
        EventCodec codec = new EventCodec();
        Set<Long> tableIds = new HashSet<>();
        int parts = 0;
        for (Message m : messages) {
            assertThat(m.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(262_144);
            if (codec.decode(m.body()).payload() instanceof SnapshotPartCollected p && p.snapshotId().toString().equals(snapshot)
                    && p.source().equals("table_info")) {
                int column = p.columns().indexOf("table_id");
                p.rows().forEach(r -> tableIds.add(((Number) r.get(column)).longValue()));
                parts++;
            }
        }
        Set<Long> expected = new HashSet<>();
        try (Connection sim = WideCluster.cluster.underlyingConnection();
             ResultSet rs = sim.createStatement().executeQuery("select table_id from svv_table_info")) {
            while (rs.next()) {
                expected.add(rs.getLong(1));
            }
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(10_000);
        assertThat(parts).isGreaterThan(1);
        assertThat(tableIds).isEqualTo(expected);
    }
}
