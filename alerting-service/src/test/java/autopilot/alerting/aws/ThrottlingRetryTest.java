package autopilot.alerting.aws;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.runtime.aws.AwsConfig;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * moto never throttles, so a tiny HTTP endpoint answers PutMetricData with CloudWatch's
 * {@code Throttling} error twice and then succeeds: the client the service uses must retry by itself.
 */
class ThrottlingRetryTest {

    private static final String NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final String THROTTLED = "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type>"
            + "<Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r1</RequestId></ErrorResponse>";
    private static final String OK = "<PutMetricDataResponse xmlns=\"" + NS + "\"><ResponseMetadata><RequestId>r2</RequestId>"
            + "</ResponseMetadata></PutMetricDataResponse>";

    @Test
    void putMetricDataIsRetriedWhenThrottled() throws IOException {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean throttle = requests.incrementAndGet() <= 2;
            byte[] body = (throttle ? THROTTLED : OK).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(throttle ? 400 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        AwsConfig config = new AwsConfig() {
            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public Optional<URI> endpointOverride() {
                return Optional.of(endpoint);
            }
        };
        try (CloudWatchClient client = AwsClientProducer.cloudWatch(config, 5)) {
            client.putMetricData(b -> b.namespace("N").metricData(d -> d.metricName("M").value(1.0)));
            assertThat(requests.get()).isEqualTo(3);
        } finally {
            server.stop(0);
        }
    }
}
