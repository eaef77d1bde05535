package autopilot.collector.cluster;

import autopilot.collector.config.CollectorConfig;
import autopilot.collector.source.QueryGroupLabel;
import autopilot.events.ClusterKind;
import autopilot.registry.ClusterRegistry;
import autopilot.registry.DiscoveredLogins;
import autopilot.redshift.ServerlessDetection;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small Agroal pool per monitored cluster, through the Redshift JDBC driver: 1-2 connections,
 * validated before use, each session labelled with the collector's query_group, a statement
 * timeout, and autocommit (so no lock outlives a statement). Also knows each cluster's kind.
 */
@ApplicationScoped
public class ClusterConnections {

    /** A pool on IAM temporary credentials is rebuilt this long before they expire. */
    static final Duration CREDENTIALS_MARGIN = Duration.ofMinutes(2);

    private final CollectorConfig config;
    private final CollectorClusters clusters;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final Map<String, ClusterKind> kinds = new ConcurrentHashMap<>();
    private final QueryGroupLabel label;

    /** A pool and when its password stops working (IAM temporary credentials). */
    private record Pool(AgroalDataSource source, Optional<Instant> expires) {
    }

    ClusterConnections(CollectorConfig config, CollectorClusters clusters) {
        this.config = config;
        this.clusters = clusters;
        this.label = new QueryGroupLabel(config.queryGroup());
    }

    /** A label Redshift would cut ambiguously stops start-up, before any statement is labelled with it. */
    void validateAtStartup(@Observes StartupEvent start) {
        Log.debugf("Collector sessions are labelled %s", label.value());
    }

    /** A discovered cluster whose details changed (endpoint, credentials) gets fresh pools on its next use. */
    void registryChanged(@Observes ClusterRegistry.Change change) {
        change.updated().forEach(c -> forget(c.id()));
    }

    /** Closes a cluster's pools and forgets its kind. */
    public void forget(String clusterId) {
        kinds.remove(clusterId);
        synchronized (pools) {
            pools.entrySet().removeIf(e -> {
                boolean his = e.getKey().equals(clusterId) || e.getKey().startsWith(clusterId + "/");
                if (his) {
                    e.getValue().source().close();
                }
                return his;
            });
        }
    }

    /** The query_group every collector session carries. */
    public QueryGroupLabel label() {
        return label;
    }

    /** A connection to the cluster's configured database (the one in its JDBC URL); the caller closes it. */
    public Connection connect(String clusterId) throws SQLException {
        return pool(clusterId, null).getConnection();
    }

    /**
     * A connection to another database of the cluster: same host, credentials and session settings,
     * the database swapped in the JDBC URL (a pool of its own); the caller closes it.
     */
    public Connection connect(String clusterId, String database) throws SQLException {
        return pool(clusterId, database).getConnection();
    }

    /** The cluster's selection of databases. */
    public DatabaseSelection databases(String clusterId) {
        return clusters.databases(clusterId);
    }

    /** The cluster's kind: configured or discovered, else detected once ({@link ServerlessDetection}). */
    public ClusterKind kind(String clusterId, Connection connection) throws SQLException {
        ClusterKind known = kinds.get(clusterId);
        if (known != null) {
            return known;
        }
        Optional<ClusterKind> declared = clusters.declaredKind(clusterId);
        ClusterKind kind = declared.isPresent() ? declared.get()
                : ServerlessDetection.serverless(connection.getMetaData().getURL(), connection) ? ClusterKind.SERVERLESS
                : ClusterKind.PROVISIONED;
        kinds.put(clusterId, kind);
        return kind;
    }

    /** The pool of one database ({@code null}: the configured one), rebuilt when its temporary credentials near their end. */
    private AgroalDataSource pool(String clusterId, String database) throws SQLException {
        String key = database == null ? clusterId : clusterId + "/" + database;
        Pool pool = pools.get(key);
        if (pool == null || expiring(pool)) {
            synchronized (pools) {
                pool = pools.get(key);
                if (pool != null && expiring(pool)) {
                    pool.source().close();
                    pool = null;
                }
                if (pool == null) {
                    pool = create(clusterId, database);
                    pools.put(key, pool);
                }
            }
        }
        return pool.source();
    }

    private static boolean expiring(Pool pool) {
        return pool.expires().map(e -> Instant.now().isAfter(e.minus(CREDENTIALS_MARGIN))).orElse(false);
    }

    private Pool create(String clusterId, String database) throws SQLException {
        DiscoveredLogins.Login login = clusters.login(clusterId, Optional.ofNullable(database));
        int maxConnections = clusters.maxConnections(clusterId);
        long timeoutMillis = config.statementTimeout().toMillis();
        String quotedLabel = label.value().replace("'", "''");
        AgroalDataSourceConfigurationSupplier supplier = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .minSize(0)
                        .maxSize(Math.max(1, Math.min(maxConnections, 4)))
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .validationTimeout(Duration.ofMinutes(1))
                        .idleValidationTimeout(Duration.ofSeconds(30))
                        .reapTimeout(Duration.ofMinutes(5))
                        .connectionValidator(connection -> {
                            try (Statement st = connection.createStatement()) {
                                return st.execute("SELECT 1");
                            } catch (SQLException e) {
                                return false;
                            }
                        })
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(login.jdbcUrl())
                                .connectionProviderClass(com.amazon.redshift.Driver.class)
                                .principal(new NamePrincipal(login.user()))
                                .credential(new SimplePassword(login.password()))
                                .autoCommit(true)
                                .initialSql("SET query_group TO '" + quotedLabel + "'; SET statement_timeout TO " + timeoutMillis)));
        Log.infof("Cluster %s: pool of up to %d connection(s) to %s%s", clusterId, maxConnections, login.jdbcUrl(),
                login.expires().map(e -> " (temporary credentials until " + e + ")").orElse(""));
        return new Pool(AgroalDataSource.from(supplier), login.expires());
    }

    @PreDestroy
    void close() {
        pools.values().forEach(p -> p.source().close());
    }
}
