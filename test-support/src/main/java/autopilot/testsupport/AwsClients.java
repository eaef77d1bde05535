package autopilot.testsupport;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Synchronous AWS clients pointed at an emulator endpoint, with the dummy credentials moto accepts.
 * Each client gets the URL-connection HTTP client explicitly (apache and netty are on classpaths too).
 */
public record AwsClients(URI endpoint, SqsClient sqs, SnsClient sns, CloudWatchClient cloudWatch,
                         SecretsManagerClient secretsManager) implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";

    public static AwsClients forEndpoint(URI endpoint) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        Region region = Region.of(REGION);
        return new AwsClients(endpoint,
                SqsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SnsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                CloudWatchClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SecretsManagerClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    @Override
    public void close() {
        sqs.close();
        sns.close();
        cloudWatch.close();
        secretsManager.close();
    }
}
