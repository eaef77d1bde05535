package autopilot.maintenance.cluster;

import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.redshift.ClusterCredentials;
import autopilot.redshift.ClusterLogin;
import autopilot.redshift.RedshiftDriver;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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

    MaintenanceConnections(MaintenanceConfig config, SecretsManagerClient secrets) {
        this.config = config;
        this.credentials = new ClusterCredentials(secrets);
    }

    /** A session for one item; the caller closes it. */
    public Connection open(String clusterId, Duration statementTimeout) throws SQLException {
        MaintenanceConfig.Cluster cluster = config.clusters().get(clusterId);
        ClusterLogin login = new ClusterLogin("autopilot.maintenance.clusters." + clusterId, cluster.jdbcUrl(), cluster.user(),
                cluster.password(), cluster.secretId());
        Connection connection = RedshiftDriver.connect(login, credentials.passwordOf(login));
        try (Statement st = connection.createStatement()) {
            // Values below are configuration (validated numbers, a label with quotes doubled), never message text.
            st.execute("SET query_group TO '" + config.queryGroup().replace("'", "''") + "'");
            st.execute("SET statement_timeout TO " + Math.max(1, statementTimeout.toMillis()));
            if (config.wlmQuerySlotCount().isPresent()) {
                st.execute("SET wlm_query_slot_count TO " + config.wlmQuerySlotCount().getAsInt());
            }
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
