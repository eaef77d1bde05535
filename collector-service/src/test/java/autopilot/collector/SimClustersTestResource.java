package autopilot.collector;

import autopilot.sim.SimCluster;
import autopilot.testsupport.RedshiftSimExtension;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the collector at simulated clusters: {@code star} (provisioned, star-schema scenario),
 * {@code sless} (Serverless) and {@code down} (a port nothing listens on).
 */
public class SimClustersTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PROVISIONED = "star";
    static final String SERVERLESS = "sless";
    static final String DOWN = "down";

    static SimCluster provisioned() {
        return RedshiftSimExtension.shared("star-schema");
    }

    static SimCluster serverless() {
        return RedshiftSimExtension.shared("serverless");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        cluster(config, PROVISIONED, provisioned().jdbcUrl());
        cluster(config, SERVERLESS, serverless().jdbcUrl());
        cluster(config, DOWN, "jdbc:redshift://127.0.0.1:" + unusedPort() + "/dev?ssl=false&loginTimeout=2");
        config.put("autopilot.collector.schedule-enabled", "false");
        config.put("autopilot.collector.settle-lag", "PT0S");
        config.put("autopilot.collector.initial-lookback", "P7D");
        return config;
    }

    private static void cluster(Map<String, String> config, String id, String url) {
        config.put("autopilot.collector.clusters." + id + ".jdbc-url", url);
        config.put("autopilot.collector.clusters." + id + ".user", "monitor");
        config.put("autopilot.collector.clusters." + id + ".password", "Monitor-pass1");
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // the shared simulated clusters stop when the JVM exits
    }
}
