package autopilot.alerting.aws;

import autopilot.alerting.config.AlertingConfig;
import autopilot.alerting.config.AwsConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Plain AWS SDK clients built from {@link AwsConfig}: the region, an optional emulator endpoint,
 * the default credentials chain (task role on ECS) and the URL-connection HTTP client.
 */
@ApplicationScoped
class AwsClientProducer {

    private final AwsConfig config;
    private final AlertingConfig alerting;

    AwsClientProducer(AwsConfig config, AlertingConfig alerting) {
        this.config = config;
        this.alerting = alerting;
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    SqsClient sqs() {
        return configure(SqsClient.builder(), config).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    SnsClient sns() {
        return configure(SnsClient.builder(), config).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    CloudWatchClient cloudWatch() {
        return cloudWatch(config, alerting.metrics().maxAttempts());
    }

    /**
     * CloudWatch with the SDK's standard retry strategy: throttling ({@code Throttling},
     * {@code ThrottlingException}, HTTP 429) and 5xx are retried with exponential backoff and jitter,
     * up to {@code maxAttempts} attempts in all.
     */
    static CloudWatchClient cloudWatch(AwsConfig config, int maxAttempts) {
        return configure(CloudWatchClient.builder(), config, timeouts()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    void close(@Disposes CloudWatchClient client) {
        client.close();
    }

    void close(@Disposes SqsClient client) {
        client.close();
    }

    void close(@Disposes SnsClient client) {
        client.close();
    }

    private static ClientOverrideConfiguration.Builder timeouts() {
        return ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(20)).apiCallAttemptTimeout(Duration.ofSeconds(5));
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsConfig config) {
        return configure(builder, config, timeouts());
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsConfig config,
                                                                   ClientOverrideConfiguration.Builder overrides) {
        builder.region(Region.of(config.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(overrides.build());
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }
}
