package autopilot.maintenance.cluster;

import autopilot.events.ClusterKind;
import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.registry.ClusterRegistry;
import autopilot.registry.DiscoveredCluster;
import autopilot.registry.DiscoveredLogins;
import jakarta.enterprise.event.Observes;
import autopilot.redshift.ClusterCredentials;
import autopilot.redshift.ClusterLogin;
import autopilot.redshift.RedshiftDriver;
import autopilot.redshift.ServerlessDetection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * One fresh connection per work item (a VACUUM holds it for its whole run, and per-item session
 * settings must not leak into another item): autocommit, so VACUUM never meets a transaction
 * block, labelled with the maintenance query_group, and the item's statement timeout.
 */
@ApplicationScoped
public class MaintenanceConnections {

    private final MaintenanceConfig config;
    private final ClusterCredentials credentials;
    private final ClusterRegistry registry;
    private final DiscoveredLogins logins;
    private final Map<String, Boolean> serverless = new ConcurrentHashMap<>();
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    MaintenanceConnections(MaintenanceConfig config, SecretsManagerClient secrets, ClusterRegistry registry, DiscoveredLogins logins) {
        this.config = config;
        this.credentials = new ClusterCredentials(secrets);
        this.registry = registry;
        this.logins = logins;
    }

    /** A discovered cluster that changed or left is admitted (and its kind found) again on next contact. */
    void registryChanged(@Observes ClusterRegistry.Change change) {
        change.updated().forEach(c -> forget(c.id()));
        change.dropped().forEach(d -> forget(d.id()));
    }

    private void forget(String clusterId) {
        serverless.remove(clusterId);
        admitted.remove(clusterId);
    }

    private Optional<DiscoveredCluster> discovered(String clusterId) {
        return config.clusters().containsKey(clusterId) ? Optional.empty() : registry.find(clusterId);
    }

    /** Whether the cluster is a Serverless workgroup: from discovery, else found out on first contact ({@link ServerlessDetection}). */
    public boolean serverless(String clusterId, Connection connection) throws SQLException {
        Boolean known = serverless.get(clusterId);
        if (known == null) {
            Optional<DiscoveredCluster> found = discovered(clusterId);
            known = found.isPresent() ? found.get().kind() == ClusterKind.SERVERLESS
                    : ServerlessDetection.serverless(config.clusters().get(clusterId).jdbcUrl(), connection);
            serverless.put(clusterId, known);
        }
        return known;
    }

    /** Why maintenance refuses to run on a cluster: an error class and what to change. */
    public record Refusal(String errorClass, String reason) {
    }

    /**
     * Admits a fresh session to maintenance: on first contact with the cluster (and, while refused, at
     * every contact, since grants and configuration may change), checks that its user sees what the
     * safety checks read ({@link Visibility}) and that the configured wlm_query_slot_count fits its WLM
     * queue ({@link SlotCount}); then sets the slot count, which would make every query fail if it did not fit.
     */
    public Optional<Refusal> admit(String clusterId, Connection connection) throws SQLException {
        if (!admitted.contains(clusterId)) {
            boolean workgroup = serverless(clusterId, connection);
            Optional<String> blind = Visibility.missing(connection, workgroup);
            if (blind.isPresent()) {
                return Optional.of(new Refusal("VISIBILITY", blind.get()));
            }
            if (!workgroup && config.wlmQuerySlotCount().isPresent()) {
                Optional<String> slots = SlotCount.problem(connection, config.wlmQuerySlotCount().getAsInt(), config.queryGroup());
                if (slots.isPresent()) {
                    return Optional.of(new Refusal("CONFIGURATION", slots.get()));
                }
            }
            admitted.add(clusterId);
        }
        if (config.wlmQuerySlotCount().isPresent()) {
            try (Statement st = connection.createStatement()) {
                st.execute("SET wlm_query_slot_count TO " + config.wlmQuerySlotCount().getAsInt());
            }
        }
        return Optional.empty();
    }

    /**
     * A session for one item in the item's database, before {@link #admit}; the caller closes it.
     * VACUUM and ANALYZE act on the connected database's tables, and SVV_TABLE_INFO (the re-check)
     * shows only those, so the session goes to the database the table is in: the configured URL with
     * its database swapped, same host, user and credentials.
     */
    public Connection open(String clusterId, String database, Duration statementTimeout) throws SQLException {
        Connection connection;
        Optional<DiscoveredCluster> found = discovered(clusterId);
        if (found.isPresent()) {
            DiscoveredLogins.Login login = logins.login(found.get(), Optional.of(database));
            connection = RedshiftDriver.connect(new ClusterLogin("discovered cluster " + clusterId, login.jdbcUrl(), login.user(),
                    Optional.empty(), Optional.empty()), login.password());
        } else {
            MaintenanceConfig.Cluster cluster = config.clusters().get(clusterId);
            ClusterLogin login = new ClusterLogin("autopilot.maintenance.clusters." + clusterId, cluster.jdbcUrl(), cluster.user(),
                    cluster.password(), cluster.secretId()).withDatabase(database);
            connection = RedshiftDriver.connect(login, credentials.passwordOf(login));
        }
        try (Statement st = connection.createStatement()) {
            // Values below are configuration (validated numbers, a label with quotes doubled), never message text.
            st.execute("SET query_group TO '" + config.queryGroup().replace("'", "''") + "'");
            st.execute("SET statement_timeout TO " + Math.max(1, statementTimeout.toMillis()));
            if (config.analyzeThresholdPercent().isPresent()) {
                st.execute("SET analyze_threshold_percent TO " + config.analyzeThresholdPercent().getAsInt());
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
