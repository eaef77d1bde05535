package autopilot.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The three Redshift Serverless API actions discovery needs (ListWorkgroups, ListTagsForResource,
 * GetCredentials), as documented: JSON 1.1 over HTTPS POST, {@code X-Amz-Target:
 * RedshiftServerless.<Action>}, signed with SigV4 for the {@code redshift-serverless} service.
 * Written here because the SDK's {@code redshiftserverless} module is not served on these machines;
 * the signing and HTTP are the SDK's own ({@link SignedCalls}).
 * <p>API reference: https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/ (ListWorkgroups,
 * ListTagsForResource, GetCredentials).
 */
public final class ServerlessApi implements AutoCloseable {

    /** A workgroup as ListWorkgroups returns it (the fields discovery reads). */
    public record Workgroup(String name, String arn, String status, String address, Integer port, Integer baseCapacity) {
    }

    /** GetCredentials' answer. */
    public record Credentials(String dbUser, String dbPassword, Instant expiration) {
    }

    /** An error the API answered with ({@code __type} and {@code message}), or an unexpected status. */
    public static final class ServerlessApiException extends RuntimeException {
        public ServerlessApiException(String message) {
            super(message);
        }
    }

    private static final String SERVICE = "redshift-serverless";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final SignedCalls calls;
    private final ObjectMapper json = new ObjectMapper();

    public ServerlessApi(URI endpoint, String region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this.calls = new SignedCalls(endpoint, region, SERVICE, credentials, http);
    }

    /** The regional endpoint, {@code https://redshift-serverless.<region>.amazonaws.com}. */
    public static URI regionalEndpoint(String region) {
        return URI.create("https://" + SERVICE + "." + region + ".amazonaws.com");
    }

    /** Every workgroup, page by page (nextToken). */
    public List<Workgroup> listWorkgroups() {
        List<Workgroup> all = new ArrayList<>();
        String next = null;
        do {
            ObjectNode request = json.createObjectNode().put("maxResults", 100);
            if (next != null) {
                request.put("nextToken", next);
            }
            JsonNode page = call("ListWorkgroups", request);
            for (JsonNode w : page.path("workgroups")) {
                JsonNode endpointNode = w.path("endpoint");
                all.add(new Workgroup(w.path("workgroupName").asText(), w.path("workgroupArn").asText(), w.path("status").asText(null),
                        endpointNode.path("address").asText(null), endpointNode.hasNonNull("port") ? endpointNode.get("port").asInt() : null,
                        w.hasNonNull("baseCapacity") ? w.get("baseCapacity").asInt() : null));
            }
            next = page.hasNonNull("nextToken") && !page.get("nextToken").asText().isEmpty() ? page.get("nextToken").asText() : null;
        } while (next != null);
        return all;
    }

    /** A resource's tags (key to value). */
    public Map<String, String> tags(String resourceArn) {
        JsonNode answer = call("ListTagsForResource", json.createObjectNode().put("resourceArn", resourceArn));
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode t : answer.path("tags")) {
            tags.put(t.path("key").asText(), t.path("value").asText(""));
        }
        return tags;
    }

    /** Temporary database credentials for a workgroup's database (the caller's IAM identity maps to the user). */
    public Credentials credentials(String workgroupName, String database, Duration duration) {
        JsonNode answer = call("GetCredentials", json.createObjectNode().put("workgroupName", workgroupName)
                .put("dbName", database).put("durationSeconds", duration.toSeconds()));
        // JSON 1.1 timestamps are epoch seconds (a number, possibly with a fraction).
        Instant expiration = answer.hasNonNull("expiration")
                ? Instant.ofEpochMilli(Math.round(answer.get("expiration").asDouble() * 1000)) : Instant.now().plus(duration);
        return new Credentials(answer.path("dbUser").asText(), answer.path("dbPassword").asText(), expiration);
    }

    private JsonNode call(String action, ObjectNode request) {
        SignedCalls.Answer answer = calls.post(Map.of("Content-Type", CONTENT_TYPE, "X-Amz-Target", "RedshiftServerless." + action),
                request.toString());
        JsonNode body;
        try {
            body = answer.body().length == 0 ? json.createObjectNode() : json.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Redshift Serverless " + action + " at " + calls.endpoint() + " answered "
                    + answer.status() + " with no JSON: " + e.getMessage(), e);
        }
        if (answer.status() / 100 != 2) {
            String type = body.path("__type").asText("HTTP " + answer.status());
            throw new ServerlessApiException("Redshift Serverless " + action + " failed: "
                    + type.substring(type.indexOf('#') + 1) + ": " + body.path("message").asText(body.path("Message").asText("")));
        }
        return body;
    }

    @Override
    public void close() {
        calls.close();
    }
}
