package autopilot.alerting.aws;

import autopilot.alerting.config.AlertingConfig;
import autopilot.runtime.aws.AwsClients;
import autopilot.runtime.aws.AwsConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The one client only alerting uses, CloudWatch, built like every other (service-runtime's
 * {@link AwsClients}) but with its own retry budget: metric publishing and alarm upkeep are throttled
 * by CloudWatch first, so they get more attempts ({@code autopilot.alerting.metrics.max-attempts}).
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
    CloudWatchClient cloudWatch() {
        return cloudWatch(config, alerting.metrics().maxAttempts());
    }

    /**
     * CloudWatch with the SDK's standard retry strategy: throttling ({@code Throttling},
     * {@code ThrottlingException}, HTTP 429) and 5xx are retried with exponential backoff and jitter,
     * up to {@code maxAttempts} attempts in all.
     */
    static CloudWatchClient cloudWatch(AwsConfig config, int maxAttempts) {
        return AwsClients.configure(CloudWatchClient.builder(), config, AwsClients.timeouts()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build())).build();
    }

    void close(@Disposes CloudWatchClient client) {
        client.close();
    }
}
