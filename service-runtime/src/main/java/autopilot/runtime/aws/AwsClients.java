package autopilot.runtime.aws;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Plain AWS SDK clients built from {@link AwsConfig}: the region, an optional emulator endpoint, the
 * default credentials chain (the task role on ECS), the URL-connection HTTP client (no Netty or Apache
 * client to carry) and bounded call times, so a hung endpoint fails a call instead of a thread.
 * A service only gets the clients it injects (unused producers are removed at build time); a client
 * that needs more (alerting's CloudWatch retry budget) is built with {@link #configure}.
 */
@ApplicationScoped
public class AwsClients {

    /** Longest one API call may take, retries included. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    /** Longest one attempt may take. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final AwsConfig config;

    AwsClients(AwsConfig config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    SqsClient sqs() {
        return configure(SqsClient.builder(), config, timeouts()).build();
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    SnsClient sns() {
        return configure(SnsClient.builder(), config, timeouts()).build();
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), config, timeouts()).build();
    }

    void close(@Disposes SqsClient client) {
        client.close();
    }

    void close(@Disposes SnsClient client) {
        client.close();
    }

    void close(@Disposes SecretsManagerClient client) {
        client.close();
    }

    /** The call and attempt timeouts every client has; add to them (a retry strategy) before passing to {@link #configure}. */
    public static ClientOverrideConfiguration.Builder timeouts() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT);
    }

    /** Region, credentials, endpoint override, HTTP client and the given overrides on any SDK client builder. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, AwsConfig config, ClientOverrideConfiguration.Builder overrides) {
        builder.region(Region.of(config.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(overrides.build())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }
}
