package autopilot.collector.bench;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clusters of the footprint benchmark, one per shipped scenario measured, each configured on a
 * free loopback port now and simulated only while it is measured. Every collector setting is its
 * default except the schedule (off: the benchmark drives the collections). Given through
 * {@link FootprintBenchmarkTest}'s test profile, like {@link CapacityClustersTestResource}.
 */
public class FootprintClustersTestResource implements QuarkusTestResourceLifecycleManager {

    /** Shipped scenario by cluster id: 300 tables and 10,000. */
    static final Map<String, String> SCENARIOS = Map.of("member", "fleet-member", "large", "large-collect");
    static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String id : SCENARIOS.keySet()) {
            PORTS.put(id, CapacityClustersTestResource.freePort());
            CapacityClustersTestResource.cluster(config, id, PORTS.get(id));
        }
        config.put("autopilot.collector.schedule-enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        PORTS.clear();
    }
}
