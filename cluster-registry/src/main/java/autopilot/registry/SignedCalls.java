package autopilot.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * One call to an AWS API: an HTTPS POST to the service's endpoint, signed with Signature Version 4
 * by the SDK's own signer (http-auth-aws) and sent by the SDK's URL-connection client. The two APIs
 * discovery needs are built on it ({@link RedshiftApi}, {@link ServerlessApi}) rather than on the
 * SDK's generated clients: the SDK versions that carry them are not served on these machines (or,
 * for Redshift, only in versions whose CloudWatch client speaks a protocol moto cannot answer), and
 * every SDK module of a build must have one version.
 */
final class SignedCalls implements AutoCloseable {

    /** The answer: HTTP status and body. */
    record Answer(int status, byte[] body) {
    }

    private final URI endpoint;
    private final String region;
    private final String service;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SignedCalls(URI endpoint, String region, String service, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this.endpoint = endpoint;
        this.region = region;
        this.service = service;
        this.credentials = credentials;
        this.http = http;
    }

    URI endpoint() {
        return endpoint;
    }

    Answer post(Map<String, String> headers, String body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint);
        headers.forEach(request::putHeader);
        SdkHttpRequest unsigned = request.build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
                return new Answer(response.httpResponse().statusCode(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(service + " at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
