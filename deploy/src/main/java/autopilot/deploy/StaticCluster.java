package autopilot.deploy;

import java.util.Optional;

/**
 * A cluster listed explicitly in the {@code clusters} setting, for clusters that cannot carry the
 * discovery tag: it becomes the services' static cluster configuration
 * ({@code autopilot.<service>.clusters.<id>.*}), next to what discovery finds.
 *
 * @param id                   id in the services' configuration keys (lowercase letters and digits, so the
 *                             environment variable {@code AUTOPILOT_COLLECTOR_CLUSTERS_<ID>_JDBC_URL} maps back to one key)
 * @param host                 endpoint host name
 * @param port                 endpoint port
 * @param database             database the services connect to
 * @param secretArn            complete ARN of the monitoring user's secret; absent: IAM temporary
 *                             credentials ({@code jdbc:redshift:iam://}, provisioned clusters only)
 * @param maintenanceSecretArn complete ARN of the maintenance user's secret; absent: {@code secretArn}
 * @param nodeType             node type for the alerting service's connection alarm; absent: no alarms
 *                             or dashboard for this cluster unless discovery also finds it
 */
public record StaticCluster(String id, String host, int port, String database, Optional<String> secretArn,
                            Optional<String> maintenanceSecretArn, Optional<String> nodeType) {

    /** Redshift Serverless endpoints are {@code <workgroup>.<account>.<region>.redshift-serverless.amazonaws.com}. */
    boolean serverless() {
        return host.contains(".redshift-serverless.");
    }

    /** The monitoring user's URL: with a secret a plain URL, without one an IAM URL (temporary credentials). */
    String jdbcUrl() {
        return jdbcUrl(secretArn());
    }

    /** The maintenance user's URL (its own secret, or the monitoring one, or IAM credentials). */
    String maintenanceJdbcUrl() {
        return jdbcUrl(maintenanceSecret());
    }

    Optional<String> maintenanceSecret() {
        return maintenanceSecretArn.or(this::secretArn);
    }

    private String jdbcUrl(Optional<String> secret) {
        return (secret.isPresent() ? "jdbc:redshift://" : "jdbc:redshift:iam://") + host + ":" + port + "/" + database;
    }
}
