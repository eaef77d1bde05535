package autopilot.collector.cluster;

import autopilot.collector.config.CollectorConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Resolves a cluster's password: inline (local use), from a Secrets Manager secret (plain text or
 * the JSON Redshift/RDS secrets use, with a {@code password} field), or none for IAM URLs
 * ({@code jdbc:redshift:iam://}), where the driver gets temporary credentials itself.
 */
@ApplicationScoped
class ClusterCredentials {

    private final SecretsManagerClient secrets;
    private final ObjectMapper json = new ObjectMapper();

    ClusterCredentials(SecretsManagerClient secrets) {
        this.secrets = secrets;
    }

    String passwordOf(String clusterId, CollectorConfig.Cluster cluster) {
        if (cluster.secretId().isPresent()) {
            String secret = secrets.getSecretValue(b -> b.secretId(cluster.secretId().get())).secretString();
            if (secret.stripLeading().startsWith("{")) {
                try {
                    JsonNode password = json.readTree(secret).get("password");
                    if (password == null) {
                        throw new IllegalStateException("secret " + cluster.secretId().get() + " of cluster " + clusterId
                                + " is JSON without a 'password' field");
                    }
                    return password.asText();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("secret " + cluster.secretId().get() + " is not valid JSON", e);
                }
            }
            return secret;
        }
        if (cluster.password().isPresent()) {
            return cluster.password().get();
        }
        if (cluster.jdbcUrl().startsWith("jdbc:redshift:iam:")) {
            return "";
        }
        throw new IllegalStateException("cluster " + clusterId + " has no credentials: set autopilot.collector.clusters."
                + clusterId + ".secret-id (or .password for local use), or use a jdbc:redshift:iam:// URL");
    }
}
