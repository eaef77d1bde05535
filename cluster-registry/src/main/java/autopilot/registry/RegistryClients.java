package autopilot.registry;

import autopilot.runtime.aws.AwsClients;
import autopilot.runtime.aws.AwsConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The API clients discovery and temporary credentials use, built only when discovery asks for them. */
@ApplicationScoped
public class RegistryClients {

    private final AwsConfig aws;
    private final DiscoveryConfig config;

    RegistryClients(AwsConfig aws, DiscoveryConfig config) {
        this.aws = aws;
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    RedshiftApi redshift() {
        return new RedshiftApi(aws.endpointOverride().orElseGet(() -> RedshiftApi.regionalEndpoint(aws.region())), aws.region(),
                DefaultCredentialsProvider.builder().build(), http());
    }

    private static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(AwsClients.ATTEMPT_TIMEOUT)
                .socketTimeout(AwsClients.ATTEMPT_TIMEOUT).build();
    }

    @Produces
    @ApplicationScoped
    @DefaultBean
    ServerlessApi serverless() {
        return new ServerlessApi(config.serverlessEndpoint().or(aws::endpointOverride)
                .orElseGet(() -> ServerlessApi.regionalEndpoint(aws.region())), aws.region(),
                DefaultCredentialsProvider.builder().build(), http());
    }

    void close(@Disposes RedshiftApi client) {
        client.close();
    }

    void close(@Disposes ServerlessApi api) {
        api.close();
    }
}
