package autopilot.collector;

import autopilot.sim.SimCluster;
import autopilot.testsupport.RedshiftSimExtension;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Points the collector at simulated clusters: {@code star} (provisioned, star-schema scenario),
 * {@code sless} (Serverless) and {@code down} (a port nothing listens on).
 */
public class SimClustersTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PROVISIONED = "star";
    static final String SERVERLESS = "sless";
    static final String DOWN = "down";
    static final String FROM_SECRET = "vault";
    static final String SECRET_ID = "autopilot/redshift/vault";

    static SimCluster provisioned() {
        return RedshiftSimExtension.sharedStill("star-schema");
    }

    static final String ODD_NAMES = "odd";
    private static SimCluster oddNames;

    /** Tables named to break unquoted SQL, and {@code secret}, which the monitoring user may not read. */
    static synchronized SimCluster oddNames() {
        if (oddNames == null) {
            try (var in = SimClustersTestResource.class.getResourceAsStream("/scenarios/odd-names.yaml")) {
                oddNames = SimCluster.start(autopilot.sim.model.ScenarioLoader.read(in, "odd-names"), 0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            try (var c = oddNames.underlyingConnection(); var st = c.createStatement()) {
                st.execute("REVOKE SELECT ON public.secret FROM monitor");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return oddNames;
    }

    /** Two databases, dev (the one in the URL) and analytics: every one, analytics denied, only analytics allowed. */
    static final String MULTI = "multi";
    static final String MULTI_DENY = "multi-deny";
    static final String MULTI_ALLOW = "multi-allow";

    static SimCluster multiDatabase() {
        return RedshiftSimExtension.shared("multi-database");
    }

    static SimCluster serverless() {
        return RedshiftSimExtension.shared("serverless");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        cluster(config, PROVISIONED, provisioned().jdbcUrl());
        cluster(config, SERVERLESS, serverless().jdbcUrl());
        cluster(config, ODD_NAMES, oddNames().jdbcUrl());
        for (String id : List.of(MULTI, MULTI_DENY, MULTI_ALLOW)) {
            cluster(config, id, multiDatabase().jdbcUrl());
        }
        config.put("autopilot.collector.clusters." + MULTI_DENY + ".databases.deny", "ANALYT*");
        config.put("autopilot.collector.clusters." + MULTI_ALLOW + ".databases.allow", "x?,analytic?");
        cluster(config, DOWN, "jdbc:redshift://127.0.0.1:" + unusedPort() + "/dev?ssl=false&loginTimeout=2");
        // Same simulated cluster, password from a Secrets Manager secret (moto) in the JSON form Redshift secrets use.
        var secrets = autopilot.testsupport.Moto.shared().clients().secretsManager();
        String secret = "{\"username\":\"monitor\",\"password\":\"Monitor-pass1\"}";
        try {
            secrets.createSecret(b -> b.name(SECRET_ID).secretString(secret));
        } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException e) {
            secrets.putSecretValue(b -> b.secretId(SECRET_ID).secretString(secret));
        }
        config.put("autopilot.collector.clusters." + FROM_SECRET + ".jdbc-url", provisioned().jdbcUrl());
        config.put("autopilot.collector.clusters." + FROM_SECRET + ".user", "monitor");
        config.put("autopilot.collector.clusters." + FROM_SECRET + ".secret-id", SECRET_ID);
        // User-defined metrics: one both kinds can answer, one that fails on the cluster; the other clusters have none.
        config.put("autopilot.collector.user-metrics.QueriesLogged.sql", "SELECT count(*) FROM sys_query_history");
        config.put("autopilot.collector.user-metrics.QueriesLogged.unit", "Count");
        config.put("autopilot.collector.user-metrics.QueriesLogged.clusters", PROVISIONED + "," + SERVERLESS);
        config.put("autopilot.collector.user-metrics.Broken.sql", "SELECT max(amount) FROM public.no_such_table");
        config.put("autopilot.collector.user-metrics.Broken.clusters", "st?r");
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
