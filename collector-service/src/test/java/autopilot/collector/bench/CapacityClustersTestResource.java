package autopilot.collector.bench;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clusters of the capacity benchmark, configured before the service starts but simulated only
 * while they are measured (one at a time, so idle simulators stay out of the heap figures): each
 * group gets a free loopback port now, and the benchmark starts redshift-sim on it later.
 * <ul>
 * <li>{@code cap300}, {@code cap3000}, {@code cap10000}: one cluster per size;</li>
 * <li>{@code warm}: the 300-table cluster again, collected once before anything is measured (JIT warm-up);</li>
 * <li>{@code pool01}..: clusters whose resident state (pools, status, metrics) is weighed, on one simulator;</li>
 * <li>{@code div1}..: the same with a workload of distinct query texts that fills the join-text caches.</li>
 * </ul>
 * Every collector setting is its default except the schedule, which is off: the benchmark drives the collections.
 * Given through {@link CapacityBenchmarkTest}'s test profile, not a {@code @QuarkusTestResource}
 * annotation, which would start it for every test of the module.
 */
public class CapacityClustersTestResource implements QuarkusTestResourceLifecycleManager {

    static final int[] SIZES = {300, 3_000, 10_000};
    /**
     * Enough that their resident state stands above the retained heap's noise (a few MB); each holds a
     * session on the simulator's PostgreSQL, which allows 100.
     */
    static final int POOL_CLUSTERS = 60;
    static final int DIVERSE_CLUSTERS = 3;

    /** Gateway port of each simulator: by size, and {@code pool} and {@code diverse}. */
    static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    static String clusterId(int tables) {
        return "cap" + tables;
    }

    static String poolCluster(int i) {
        return String.format("pool%02d", i);
    }

    static String diverseCluster(int i) {
        return "div" + i;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (int tables : SIZES) {
            PORTS.put(Integer.toString(tables), freePort());
            cluster(config, clusterId(tables), PORTS.get(Integer.toString(tables)));
        }
        cluster(config, "warm", PORTS.get(Integer.toString(SIZES[0])));
        PORTS.put("pool", freePort());
        for (int i = 1; i <= POOL_CLUSTERS; i++) {
            cluster(config, poolCluster(i), PORTS.get("pool"));
        }
        PORTS.put("diverse", freePort());
        for (int i = 1; i <= DIVERSE_CLUSTERS; i++) {
            cluster(config, diverseCluster(i), PORTS.get("diverse"));
        }
        config.put("autopilot.collector.schedule-enabled", "false");
        return config;
    }

    static void cluster(Map<String, String> config, String id, int port) {
        // The URL SimCluster.jdbcUrl() gives for large-collect's database on that port.
        config.put("autopilot.collector.clusters." + id + ".jdbc-url", "jdbc:redshift://127.0.0.1:" + port + "/dev?ssl=false");
        config.put("autopilot.collector.clusters." + id + ".user", CollectionCost.USER);
        config.put("autopilot.collector.clusters." + id + ".password", "Monitor-pass1");
    }

    /** A loopback port free now (another process could take it before the simulator does: then the run fails and is repeated). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        PORTS.clear();
    }
}
