package autopilot.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.events.ClusterKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The Redshift Serverless client and workgroup discovery against a local stand-in of the API that
 * answers with the documented JSON (moto serves no Redshift Serverless API): ListWorkgroups in two
 * pages, ListTagsForResource per workgroup, GetCredentials, and an error answer.
 */
class ServerlessDiscoveryTest {

    /** A request as the stand-in received it. */
    record Received(String target, String authorization, String contentType, JsonNode body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ServerlessApi api;
    private volatile boolean failList;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        api = new ServerlessApi(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), UrlConnectionHttpClient.create());
    }

    @AfterEach
    void stop() {
        api.close();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        received.add(new Received(target, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        int status = 200;
        String answer = switch (target) {
            case "RedshiftServerless.ListWorkgroups" -> failList
                    ? "{\"__type\":\"com.amazonaws.redshiftserverless#AccessDeniedException\",\"message\":\"not authorized to perform redshift-serverless:ListWorkgroups\"}"
                    : body.has("nextToken") ? """
                    {"workgroups":[{"workgroupName":"reporting","workgroupArn":"arn:aws:redshift-serverless:eu-west-1:111122223333:workgroup/r-2",
                      "status":"AVAILABLE","baseCapacity":32,"endpoint":{"address":"reporting.111122223333.eu-west-1.redshift-serverless.amazonaws.com","port":5439}},
                     {"workgroupName":"new","workgroupArn":"arn:aws:redshift-serverless:eu-west-1:111122223333:workgroup/n-3","status":"CREATING"}]}
                    """ : """
                    {"workgroups":[{"workgroupName":"etl","workgroupArn":"arn:aws:redshift-serverless:eu-west-1:111122223333:workgroup/e-1",
                      "status":"AVAILABLE","baseCapacity":128,"creationDate":"2026-01-01T00:00:00Z",
                      "endpoint":{"address":"etl.111122223333.eu-west-1.redshift-serverless.amazonaws.com","port":5440,"vpcEndpoints":[]}}],
                     "nextToken":"page-2"}
                    """;
            case "RedshiftServerless.ListTagsForResource" -> body.path("resourceArn").asText().endsWith("/e-1")
                    ? "{\"tags\":[{\"key\":\"autopilot:monitor\",\"value\":\"true\"},{\"key\":\"autopilot:database\",\"value\":\"sales\"}]}"
                    : body.path("resourceArn").asText().endsWith("/n-3")
                    ? "{\"tags\":[{\"key\":\"autopilot:monitor\",\"value\":\"true\"}]}"
                    : "{\"tags\":[{\"key\":\"team\",\"value\":\"bi\"}]}";
            case "RedshiftServerless.GetCredentials" ->
                    "{\"dbUser\":\"IAMR:autopilot-task\",\"dbPassword\":\"temp-pw\",\"expiration\":1.7969184E9,\"nextRefreshTime\":1.7969175E9}";
            default -> null;
        };
        if (answer == null || (failList && target.endsWith("ListWorkgroups"))) {
            status = 400;
            answer = answer == null ? "{\"__type\":\"UnknownOperationException\"}" : answer;
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void taggedWorkgroupsAreFoundAcrossPagesAndSignedCalls() {
        DiscoveryConfig config = TestDiscovery.defaults();
        ClusterRegistry registry = new ClusterRegistry(config, ClusterRegistry.sources(config, null, api), c -> { }, Clock.systemUTC());
        registry.refresh();

        assertThat(registry.clusters()).containsOnlyKeys("etl");
        DiscoveredCluster etl = registry.find("etl").orElseThrow();
        assertThat(etl.kind()).isEqualTo(ClusterKind.SERVERLESS);
        assertThat(etl.host()).isEqualTo("etl.111122223333.eu-west-1.redshift-serverless.amazonaws.com");
        assertThat(etl.port()).isEqualTo(5440);
        assertThat(etl.database()).isEqualTo("sales");
        assertThat(etl.baseCapacity()).hasValue(128);
        assertThat(etl.nodeType()).isEmpty();

        assertThat(received).extracting(Received::target).containsExactly("RedshiftServerless.ListWorkgroups",
                "RedshiftServerless.ListWorkgroups", "RedshiftServerless.ListTagsForResource",
                "RedshiftServerless.ListTagsForResource", "RedshiftServerless.ListTagsForResource");
        assertThat(received.get(1).body().path("nextToken").asText()).isEqualTo("page-2");
        assertThat(received).allSatisfy(r -> {
            assertThat(r.contentType()).isEqualTo("application/x-amz-json-1.1");
            assertThat(r.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                    .contains("/eu-west-1/redshift-serverless/aws4_request").contains("x-amz-target");
        });
    }

    @Test
    void temporaryCredentialsOfAWorkgroup() {
        ServerlessApi.Credentials c = api.credentials("etl", "sales", Duration.ofMinutes(15));
        assertThat(c.dbUser()).isEqualTo("IAMR:autopilot-task");
        assertThat(c.dbPassword()).isEqualTo("temp-pw");
        assertThat(c.expiration()).isEqualTo(Instant.ofEpochSecond(1_796_918_400L));
        Received call = received.get(0);
        assertThat(call.body().path("workgroupName").asText()).isEqualTo("etl");
        assertThat(call.body().path("dbName").asText()).isEqualTo("sales");
        assertThat(call.body().path("durationSeconds").asInt()).isEqualTo(900);

        DiscoveryConfig config = TestDiscovery.defaults();
        ClusterRegistry registry = new ClusterRegistry(config, ClusterRegistry.sources(config, null, api), c2 -> { }, Clock.systemUTC());
        registry.refresh();
        DiscoveredLogins logins = new DiscoveredLogins(config, null, () -> {
            throw new AssertionError("no Redshift call for a workgroup");
        }, () -> api);
        DiscoveredLogins.Login login = logins.login(registry.find("etl").orElseThrow(), Optional.empty());
        assertThat(login.user()).isEqualTo("IAMR:autopilot-task");
        assertThat(login.jdbcUrl()).isEqualTo("jdbc:redshift://etl.111122223333.eu-west-1.redshift-serverless.amazonaws.com:5440/sales");
    }

    @Test
    void anErrorAnswerNamesTheActionAndTheReasonAndKeepsTheLastList() {
        DiscoveryConfig config = TestDiscovery.defaults();
        ClusterRegistry registry = new ClusterRegistry(config, ClusterRegistry.sources(config, null, api), c -> { }, Clock.systemUTC());
        registry.refresh();
        failList = true;
        assertThatThrownBy(api::listWorkgroups).isInstanceOf(ServerlessApi.ServerlessApiException.class)
                .hasMessage("Redshift Serverless ListWorkgroups failed: AccessDeniedException: "
                        + "not authorized to perform redshift-serverless:ListWorkgroups");
        assertThat(registry.refresh().isEmpty()).isTrue();
        assertThat(registry.clusters()).containsOnlyKeys("etl");
        assertThat(registry.statuses()).singleElement().satisfies(s -> assertThat(s.lastError()).contains("AccessDeniedException"));
    }
}
