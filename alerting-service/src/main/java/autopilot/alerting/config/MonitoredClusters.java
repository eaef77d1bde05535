package autopilot.alerting.config;

import autopilot.events.ClusterKind;
import autopilot.registry.ClusterRegistry;
import autopilot.registry.DiscoveredCluster;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The clusters that get alarms and a dashboard: configured ones ({@code autopilot.alerting.clusters},
 * {@code kind} provisioned with a node type, or serverless with a workgroup name) and those discovered
 * through the AWS API: provisioned clusters with the node type DescribeClusters gives, and Serverless
 * workgroups (ListWorkgroups; the id is the workgroup name). A provisioned cluster's alarms are on
 * AWS/Redshift by {@code ClusterIdentifier}, a workgroup's on AWS/Redshift-Serverless by
 * {@code Workgroup}; the project's own metrics use {@code ClusterIdentifier} = the id for both. A
 * discovered workgroup's maximum capacity is not known, so it gets no ComputeCapacity alarm unless its id
 * is also configured with {@code max-capacity} (a configured id wins over a discovered one).
 */
@ApplicationScoped
public class MonitoredClusters {

    /**
     * What the alarms of one cluster need.
     *
     * @param kind            provisioned cluster or Serverless workgroup
     * @param nodeType        node type (provisioned); null for a workgroup
     * @param connectionLimit override of the node type's or the Serverless quota's connection limit
     * @param workgroup       workgroup name, the {@code Workgroup} dimension (Serverless); null when provisioned
     * @param maxCapacity     the workgroup's maximum RPUs, when configured (Serverless)
     */
    public record Target(ClusterKind kind, NodeType nodeType, OptionalInt connectionLimit, String workgroup,
                         OptionalInt maxCapacity) {

        /** A provisioned cluster. */
        public Target(NodeType nodeType, OptionalInt connectionLimit) {
            this(ClusterKind.PROVISIONED, nodeType, connectionLimit, null, OptionalInt.empty());
        }

        /** A Serverless workgroup. */
        public static Target serverless(String workgroup, OptionalInt connectionLimit, OptionalInt maxCapacity) {
            return new Target(ClusterKind.SERVERLESS, null, connectionLimit, workgroup, maxCapacity);
        }

        public boolean isServerless() {
            return kind == ClusterKind.SERVERLESS;
        }
    }

    /** A configured cluster whose keys do not fit together; the message names the key. */
    public static final class InvalidClusterConfigException extends IllegalArgumentException {
        InvalidClusterConfigException(String key, String problem) {
            super(key + " " + problem);
        }
    }

    private final AlertingConfig config;
    private final ClusterRegistry registry;
    /** Warned-about discovered clusters, so a refresh does not repeat the warning. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    MonitoredClusters(AlertingConfig config, ClusterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /**
     * Bad cluster configuration stops start-up (keys that do not fit together; single bad values SmallRye
     * already names), before the scheduler and the consumers start.
     */
    void validateAtStartup(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        configured(config);
    }

    /**
     * Only the configured clusters (tests and tools without a registry).
     *
     * @throws InvalidClusterConfigException when a cluster's keys do not fit its kind
     */
    public static Map<String, Target> configured(AlertingConfig config) {
        Map<String, Target> targets = new TreeMap<>();
        config.clusters().forEach((id, c) -> targets.put(id, target(id, c)));
        return targets;
    }

    private static Target target(String id, AlertingConfig.Cluster c) {
        String key = "autopilot.alerting.clusters." + id + ".";
        if (c.kind() == ClusterKind.SERVERLESS) {
            if (c.nodeType().isPresent()) {
                throw new InvalidClusterConfigException(key + "node-type", "does not apply to a Serverless workgroup (kind=serverless):"
                        + " remove it; the connection alarm uses the Serverless connection quota, or " + key + "connection-limit");
            }
            if (c.maxCapacity().isPresent() && c.maxCapacity().getAsInt() <= 0) {
                throw new InvalidClusterConfigException(key + "max-capacity", "must be the workgroup's maximum RPUs (a positive"
                        + " number), found " + c.maxCapacity().getAsInt());
            }
            String workgroup = c.workgroup().map(String::trim).orElse(id);
            if (workgroup.isEmpty()) {
                throw new InvalidClusterConfigException(key + "workgroup", "is blank; leave it out to use the id '" + id + "'");
            }
            return Target.serverless(workgroup, c.connectionLimit(), c.maxCapacity());
        }
        if (c.workgroup().isPresent() || c.maxCapacity().isPresent()) {
            throw new InvalidClusterConfigException(key + (c.workgroup().isPresent() ? "workgroup" : "max-capacity"),
                    "applies only to a Serverless workgroup: set " + key + "kind=serverless, or remove it");
        }
        NodeType nodeType = c.nodeType().orElseThrow(() -> new InvalidClusterConfigException(key + "node-type",
                "is required for a provisioned cluster (one of " + Arrays.stream(NodeType.values()).map(NodeType::awsName)
                        .collect(Collectors.joining(", ")) + "); a Redshift Serverless workgroup sets " + key
                        + "kind=serverless instead"));
        return new Target(nodeType, c.connectionLimit());
    }

    /** Every cluster with alarms, by id; a configured id wins over a discovered one. */
    public Map<String, Target> targets() {
        Map<String, Target> targets = new TreeMap<>();
        for (DiscoveredCluster c : registry.clusters().values()) {
            if (c.kind() == ClusterKind.SERVERLESS) {
                targets.put(c.id(), Target.serverless(c.id(), OptionalInt.empty(), OptionalInt.empty()));
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
