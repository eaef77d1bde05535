package autopilot.redshift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Resolves a cluster's password: inline (local use), from a Secrets Manager secret (plain text or
 * the JSON Redshift/RDS secrets use, with a {@code password} field), or none for IAM URLs
 * ({@code jdbc:redshift:iam://}), where the driver gets temporary credentials itself.
 */
public final class ClusterCredentials {

    private final SecretsManagerClient secrets;
    private final ObjectMapper json = new ObjectMapper();

    public ClusterCredentials(SecretsManagerClient secrets) {
        this.secrets = secrets;
    }

    public String passwordOf(ClusterLogin login) {
        if (login.secretId().isPresent()) {
            String secretId = login.secretId().get();
            String secret;
            try {
                secret = secrets.getSecretValue(b -> b.secretId(secretId)).secretString();
            } catch (SdkException e) {
                // The SDK's message names neither the secret nor who asked for it.
                throw new IllegalStateException("cannot read secret " + secretId + " of " + login.configKey() + ": "
                        + e.getMessage(), e);
            }
            if (secret.stripLeading().startsWith("{")) {
                try {
                    JsonNode password = json.readTree(secret).get("password");
                    if (password == null) {
                        throw new IllegalStateException("secret " + secretId + " of " + login.configKey()
                                + " is JSON without a 'password' field");
                    }
                    return password.asText();
                } catch (IOException e) {
                    throw new IllegalStateException("secret " + secretId + " of " + login.configKey() + " is not valid JSON", e);
                }
            }
            return secret;
        }
        if (login.password().isPresent()) {
            return login.password().get();
        }
        if (login.iam()) {
            return "";
        }
        throw new IllegalStateException(login.configKey() + " has no credentials: set " + login.configKey()
                + ".secret-id (or .password for local use), or use a jdbc:redshift:iam:// URL");
    }
}
