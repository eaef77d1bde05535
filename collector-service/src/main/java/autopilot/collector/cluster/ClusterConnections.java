package autopilot.collector.cluster;

import autopilot.collector.config.CollectorConfig;
import autopilot.collector.source.QueryGroupLabel;
import autopilot.events.ClusterKind;
import autopilot.redshift.ClusterCredentials;
import autopilot.redshift.ClusterLogin;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A small Agroal pool per monitored cluster, through the Redshift JDBC driver: 1-2 connections,
 * validated before use, each session labelled with the collector's query_group, a statement
 * timeout, and autocommit (so no lock outlives a statement). Also knows each cluster's kind.
 */
@ApplicationScoped
public class ClusterConnections {

    private final CollectorConfig config;
    private final ClusterCredentials credentials;
    private final Map<String, AgroalDataSource> pools = new ConcurrentHashMap<>();
    private final Map<String, ClusterKind> kinds = new ConcurrentHashMap<>();
    private final QueryGroupLabel label;

    ClusterConnections(CollectorConfig config, SecretsManagerClient secrets) {
        this.config = config;
        this.credentials = new ClusterCredentials(secrets);
        this.label = new QueryGroupLabel(config.queryGroup());
    }

    /** A label Redshift would cut ambiguously stops start-up, before any statement is labelled with it. */
    void validateAtStartup(@Observes StartupEvent start) {
        Log.debugf("Collector sessions are labelled %s", label.value());
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

    /** The cluster's allow/deny lists of databases. */
    public CollectorConfig.Databases databases(String clusterId) {
        return cluster(clusterId).databases();
    }

    /** The cluster's kind: configured, or detected once ({@link ServerlessDetection}). */
    public ClusterKind kind(String clusterId, Connection connection) throws SQLException {
        ClusterKind known = kinds.get(clusterId);
        if (known != null) {
            return known;
        }
        String configured = cluster(clusterId).kind().toLowerCase();
        ClusterKind kind = switch (configured) {
            case "provisioned" -> ClusterKind.PROVISIONED;
            case "serverless" -> ClusterKind.SERVERLESS;
            case "auto" -> ServerlessDetection.serverless(cluster(clusterId).jdbcUrl(), connection)
                    ? ClusterKind.SERVERLESS : ClusterKind.PROVISIONED;
            default -> throw new IllegalStateException("autopilot.collector.clusters." + clusterId
                    + ".kind must be auto, provisioned or serverless, found " + configured);
        };
        kinds.put(clusterId, kind);
        return kind;
    }

    /** The pool of one database ({@code null}: the configured one). */
    private AgroalDataSource pool(String clusterId, String database) throws SQLException {
        String key = database == null ? clusterId : clusterId + "/" + database;
        AgroalDataSource pool = pools.get(key);
        if (pool == null) {
            synchronized (pools) {
                pool = pools.get(key);
                if (pool == null) {
                    pool = create(clusterId, database);
                    pools.put(key, pool);
                }
            }
        }
        return pool;
    }

    private AgroalDataSource create(String clusterId, String database) throws SQLException {
        CollectorConfig.Cluster cluster = cluster(clusterId);
        ClusterLogin configured = new ClusterLogin("autopilot.collector.clusters." + clusterId,
                cluster.jdbcUrl(), cluster.user(), cluster.password(), cluster.secretId());
        ClusterLogin login = database == null ? configured : configured.withDatabase(database);
        String password = credentials.passwordOf(login);
        long timeoutMillis = config.statementTimeout().toMillis();
        String quotedLabel = label.value().replace("'", "''");
        AgroalDataSourceConfigurationSupplier supplier = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .minSize(0)
                        .maxSize(Math.max(1, Math.min(cluster.maxConnections(), 4)))
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
                                .principal(new NamePrincipal(cluster.user()))
                                .credential(new SimplePassword(password))
                                .autoCommit(true)
                                .initialSql("SET query_group TO '" + quotedLabel + "'; SET statement_timeout TO " + timeoutMillis)));
        Log.infof("Cluster %s: pool of up to %d connection(s) to %s", clusterId, cluster.maxConnections(), login.jdbcUrl());
        return AgroalDataSource.from(supplier);
    }

    private CollectorConfig.Cluster cluster(String clusterId) {
        CollectorConfig.Cluster cluster = config.clusters().get(clusterId);
        if (cluster == null) {
            throw new UnknownClusterException(clusterId, config.clusters().keySet());
        }
        return cluster;
    }

    @PreDestroy
    void close() {
        pools.values().forEach(AgroalDataSource::close);
    }
}
