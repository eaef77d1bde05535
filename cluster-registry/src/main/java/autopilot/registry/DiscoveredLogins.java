package autopilot.registry;

import autopilot.events.ClusterKind;
import autopilot.redshift.ClusterCredentials;
import autopilot.redshift.ClusterLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * How a service logs in to a discovered cluster: the password from the secret its tag names, or
 * IAM temporary credentials (Redshift GetClusterCredentials for a cluster, Redshift Serverless
 * GetCredentials for a workgroup), which expire: a pool built on them must be rebuilt before
 * {@link Login#expires()}.
 */
@ApplicationScoped
public class DiscoveredLogins {

    /** A resolved login: URL, user and password, and when the password stops working (IAM only). */
    public record Login(String jdbcUrl, String user, String password, Optional<Instant> expires) {
    }

    private final DiscoveryConfig config;
    private final ClusterCredentials secrets;
    private final Supplier<RedshiftApi> redshift;
    private final Supplier<ServerlessApi> serverless;

    @Inject
    DiscoveredLogins(DiscoveryConfig config, SecretsManagerClient secretsManager, Instance<RedshiftApi> redshift,
                     Instance<ServerlessApi> serverless) {
        this(config, secretsManager, redshift::get, serverless::get);
    }

    /** Logins through given clients (tests; a client is asked for only when a login needs it). */
    public DiscoveredLogins(DiscoveryConfig config, SecretsManagerClient secretsManager, Supplier<RedshiftApi> redshift,
                            Supplier<ServerlessApi> serverless) {
        this.config = config;
        this.secrets = new ClusterCredentials(secretsManager);
        this.redshift = redshift;
        this.serverless = serverless;
    }

    /**
     * A login to one of the cluster's databases ({@code database} empty: the cluster's own).
     *
     * @throws RuntimeException when the secret or the temporary credentials cannot be had (names the cluster)
     */
    public Login login(DiscoveredCluster cluster, Optional<String> database) {
        String db = database.orElse(cluster.database());
        ClusterLogin login = new ClusterLogin("discovered cluster " + cluster.id(), cluster.jdbcUrl(config.jdbcProperties()),
                cluster.user(), Optional.empty(), cluster.secretId());
        if (database.isPresent()) {
            login = login.withDatabase(db);
        }
        if (cluster.secretId().isPresent()) {
            return new Login(login.jdbcUrl(), cluster.user(), secrets.passwordOf(login), Optional.empty());
        }
        if (cluster.kind() == ClusterKind.SERVERLESS) {
            ServerlessApi.Credentials c = serverless.get().credentials(cluster.id(), db, config.credentialsDuration());
            return new Login(login.jdbcUrl(), c.dbUser(), c.dbPassword(), Optional.of(c.expiration()));
        }
        // AutoCreate off: the monitoring user must exist with its grants; creating it here would hide a missing grant.
        RedshiftApi.Credentials c = redshift.get().clusterCredentials(cluster.id(), cluster.user(), db, config.credentialsDuration(), false);
        return new Login(login.jdbcUrl(), c.dbUser(), c.dbPassword(), Optional.of(c.expiration()));
    }
}
