package autopilot.redshift;

import java.util.Optional;

/**
 * How to log in to one cluster, as a service's configuration gives it.
 *
 * @param configKey where it is configured (e.g. {@code autopilot.collector.clusters.prod}), named in errors
 * @param jdbcUrl   {@code jdbc:redshift://host:5439/db} or {@code jdbc:redshift:iam://...}
 * @param user      database user
 * @param password  inline password (local use)
 * @param secretId  Secrets Manager secret holding the password
 */
public record ClusterLogin(String configKey, String jdbcUrl, String user, Optional<String> password,
                           Optional<String> secretId) {

    /** Whether the driver gets temporary IAM credentials itself. */
    public boolean iam() {
        return jdbcUrl.startsWith("jdbc:redshift:iam:");
    }
}
