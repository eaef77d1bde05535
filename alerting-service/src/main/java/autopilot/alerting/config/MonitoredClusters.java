package autopilot.alerting.config;

import autopilot.events.ClusterKind;
import autopilot.registry.ClusterRegistry;
import autopilot.registry.DiscoveredCluster;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clusters that get alarms and a dashboard: configured ones ({@code autopilot.alerting.clusters},
 * node type by key) and provisioned clusters discovered through the AWS API, whose node type comes
 * from DescribeClusters. Serverless workgroups have no node type and none of AWS/Redshift's
 * per-cluster metrics the alarms use; their alarms are a later piece of work (issue 20).
 */
@ApplicationScoped
public class MonitoredClusters {

    /** What the alarms of one cluster need: its node type and an optional connection limit override. */
    public record Target(NodeType nodeType, OptionalInt connectionLimit) {
    }

    private final AlertingConfig config;
    private final ClusterRegistry registry;
    /** Warned-about discovered clusters, so a refresh does not repeat the warning. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    MonitoredClusters(AlertingConfig config, ClusterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Only the configured clusters (tests and tools without a registry). */
    public static Map<String, Target> configured(AlertingConfig config) {
        Map<String, Target> targets = new TreeMap<>();
        config.clusters().forEach((id, c) -> targets.put(id, new Target(c.nodeType(), c.connectionLimit())));
        return targets;
    }

    /** Every cluster with alarms, by id; a configured id wins over a discovered one. */
    public Map<String, Target> targets() {
        Map<String, Target> targets = new TreeMap<>();
        for (DiscoveredCluster c : registry.clusters().values()) {
            if (c.kind() != ClusterKind.PROVISIONED) {
                if (warned.add(c.id())) {
                    Log.infof("Workgroup %s: no alarms or dashboard yet (Serverless alarms are not built)", c.id());
                }
                continue;
            }
            try {
                targets.put(c.id(), new Target(NodeType.of(c.nodeType().orElse(null)), OptionalInt.empty()));
            } catch (IllegalArgumentException e) {
                if (warned.add(c.id())) {
                    Log.warnf("Cluster %s: no alarms or dashboard: %s", c.id(), e.getMessage());
                }
            }
        }
        targets.putAll(configured(config));
        return targets;
    }
}
