package autopilot.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sets up clusters in moto's Redshift API (the Query protocol: a form POST with Action and
 * Version), for discovery tests and the local fleet. moto routes a request by the service in the
 * Authorization header's credential scope and checks no signature, so none is computed here.
 */
public final class MotoRedshift {

    /** Account id moto gives every resource. */
    public static final String ACCOUNT = "123456789012";

    private final URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    public MotoRedshift(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The ARN tags are set on. */
    public static String arn(String clusterId) {
        return "arn:aws:redshift:" + AwsClients.REGION + ":" + ACCOUNT + ":cluster:" + clusterId;
    }

    /** A cluster with its endpoint port and tags (moto makes up the endpoint address). */
    public void createCluster(String id, String nodeType, int nodes, int port, Map<String, String> tags) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ClusterIdentifier", id);
        p.put("NodeType", nodeType);
        p.put("NumberOfNodes", Integer.toString(nodes));
        p.put("ClusterType", nodes > 1 ? "multi-node" : "single-node");
        p.put("MasterUsername", "admin");
        p.put("MasterUserPassword", "Admin-pass1");
        p.put("DBName", "dev");
        p.put("Port", Integer.toString(port));
        int i = 1;
        for (Map.Entry<String, String> t : tags.entrySet()) {
            p.put("Tags.Tag." + i + ".Key", t.getKey());
            p.put("Tags.Tag." + i + ".Value", t.getValue());
            i++;
        }
        call("CreateCluster", p);
    }

    public void deleteTag(String id, String key) {
        call("DeleteTags", Map.of("ResourceName", arn(id), "TagKeys.TagKey.1", key));
    }

    public void deleteCluster(String id) {
        call("DeleteCluster", Map.of("ClusterIdentifier", id, "SkipFinalClusterSnapshot", "true"));
    }

    private void call(String action, Map<String, String> params) {
        StringBuilder body = new StringBuilder("Action=" + action + "&Version=2012-12-01");
        params.forEach((k, v) -> body.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String day = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + AwsClients.ACCESS_KEY + "/" + day + "/"
                        + AwsClients.REGION + "/redshift/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto Redshift " + action + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
