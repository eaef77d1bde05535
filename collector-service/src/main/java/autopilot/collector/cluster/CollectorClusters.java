package autopilot.collector.cluster;

import autopilot.collector.config.CollectorConfig;
import autopilot.events.ClusterKind;
import autopilot.redshift.ClusterCredentials;
import autopilot.redshift.ClusterLogin;
import autopilot.registry.ClusterRegistry;
import autopilot.registry.DiscoveredCluster;
import autopilot.registry.DiscoveredLogins;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The clusters this collector knows: those configured under {@code autopilot.collector.clusters}
 * (unchanged) and those the registry discovered through the AWS API. A configured id wins over a
 * discovered one of the same name.
 */
@ApplicationScoped
public class CollectorClusters {

    /** Connections per discovered cluster's pool (configured clusters set their own). */
    static final int DISCOVERED_MAX_CONNECTIONS = 2;

    private final CollectorConfig config;
    private final ClusterRegistry registry;
    private final DiscoveredLogins logins;
    private final ClusterCredentials credentials;

    CollectorClusters(CollectorConfig config, ClusterRegistry registry, DiscoveredLogins logins, SecretsManagerClient secrets) {
        this.config = config;
        this.registry = registry;
        this.logins = logins;
        this.credentials = new ClusterCredentials(secrets);
    }

    /** Every known cluster id, sorted. */
    public SortedSet<String> ids() {
        SortedSet<String> ids = new TreeSet<>(registry.clusters().keySet());
        ids.addAll(config.clusters().keySet());
        return ids;
    }

    /** Whether the list is whole: discovery off, or every discovery source answered its last call. */
    public boolean complete() {
        return !registry.enabled() || registry.complete();
    }

    public boolean known(String clusterId) {
        return config.clusters().containsKey(clusterId) || registry.find(clusterId).isPresent();
    }

    /** Whether the cluster came from discovery (not configured). */
    public boolean discovered(String clusterId) {
        return !config.clusters().containsKey(clusterId) && registry.find(clusterId).isPresent();
    }

    /** The databases whose table health is read. */
    public DatabaseSelection databases(String clusterId) {
        CollectorConfig.Cluster configured = config.clusters().get(clusterId);
        if (configured != null) {
            return DatabaseSelection.of(configured.databases());
        }
        return new DatabaseSelection(List.of("*"), discoveredCluster(clusterId).databasesDeny());
    }

    /** Connections of the cluster's pool. */
    public int maxConnections(String clusterId) {
        CollectorConfig.Cluster configured = config.clusters().get(clusterId);
        return configured != null ? configured.maxConnections() : DISCOVERED_MAX_CONNECTIONS;
    }

    /** The kind if known without asking the cluster (configured, or from the API), else empty ({@code auto}). */
    public Optional<ClusterKind> declaredKind(String clusterId) {
        CollectorConfig.Cluster configured = config.clusters().get(clusterId);
        if (configured == null) {
            return Optional.of(discoveredCluster(clusterId).kind());
        }
        return switch (configured.kind().toLowerCase()) {
            case "provisioned" -> Optional.of(ClusterKind.PROVISIONED);
            case "serverless" -> Optional.of(ClusterKind.SERVERLESS);
            case "auto" -> Optional.empty();
            default -> throw new IllegalStateException("autopilot.collector.clusters." + clusterId
                    + ".kind must be auto, provisioned or serverless, found " + configured.kind());
        };
    }

    /** Where a database is left out: the configuration key, or the tag on a discovered cluster. */
    public String databasesDenyKey(String clusterId) {
        return discovered(clusterId) ? "the tag " + DiscoveredCluster.DATABASES_DENY_TAG + " on cluster " + clusterId
                : "autopilot.collector.clusters." + clusterId + ".databases.deny";
    }

    /** How to log in to one of the cluster's databases ({@code database} empty: the one of its URL). */
    public DiscoveredLogins.Login login(String clusterId, Optional<String> database) {
        CollectorConfig.Cluster configured = config.clusters().get(clusterId);
        if (configured == null) {
            return logins.login(discoveredCluster(clusterId), database);
        }
        ClusterLogin login = new ClusterLogin("autopilot.collector.clusters." + clusterId, configured.jdbcUrl(), configured.user(),
                configured.password(), configured.secretId());
        if (database.isPresent()) {
            login = login.withDatabase(database.get());
        }
        return new DiscoveredLogins.Login(login.jdbcUrl(), configured.user(), credentials.passwordOf(login), Optional.empty());
    }

    private DiscoveredCluster discoveredCluster(String clusterId) {
        return registry.find(clusterId).orElseThrow(() -> new UnknownClusterException(clusterId, ids()));
    }
}
