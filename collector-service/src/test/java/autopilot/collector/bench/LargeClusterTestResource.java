package autopilot.collector.bench;

import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The large-collect scenario (10,000 tables, 100,000 queries of the last day) as cluster {@code large}. */
public class LargeClusterTestResource implements QuarkusTestResourceLifecycleManager {

    static SimCluster cluster;

    @Override
    public Map<String, String> start() {
        long started = System.nanoTime();
        cluster = SimCluster.start(ScenarioLoader.shipped("large-collect"), 0);
        System.out.printf("benchmark: large-collect installed in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return Map.of(
                "autopilot.collector.clusters.large.jdbc-url", cluster.jdbcUrl(),
                "autopilot.collector.clusters.large.user", "monitor",
                "autopilot.collector.clusters.large.password", "Monitor-pass1",
                "autopilot.collector.schedule-enabled", "false",
                "autopilot.collector.settle-lag", "PT0S",
                "autopilot.collector.initial-lookback", "P2D");
    }

    @Override
    public void stop() {
        cluster.close();
    }
}
