package autopilot.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The Redshift API actions discovery needs (DescribeClusters, GetClusterCredentials), as the API
 * reference documents them: the Query protocol, a form-encoded POST with {@code Action} and
 * {@code Version=2012-12-01}, answered in XML, signed with SigV4 for the {@code redshift} service
 * ({@link SignedCalls}). https://docs.aws.amazon.com/redshift/latest/APIReference/API_DescribeClusters.html,
 * .../API_GetClusterCredentials.html. {@link #call} reaches any other action (tests create clusters with it).
 */
public final class RedshiftApi implements AutoCloseable {

    /** A cluster as DescribeClusters returns it (the fields discovery reads). */
    public record Cluster(String id, String status, String nodeType, Integer nodes, String address, Integer port,
                          Map<String, String> tags) {
    }

    /** GetClusterCredentials' answer. */
    public record Credentials(String dbUser, String dbPassword, Instant expiration) {
    }

    /** An error answer: its code (e.g. {@code ClusterNotFound}) and message. */
    public static final class RedshiftApiException extends RuntimeException {
        private final String code;

        public RedshiftApiException(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public static final String VERSION = "2012-12-01";
    private static final String SERVICE = "redshift";

    private final SignedCalls calls;

    public RedshiftApi(URI endpoint, String region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this.calls = new SignedCalls(endpoint, region, SERVICE, credentials, http);
    }

    /** The regional endpoint, {@code https://redshift.<region>.amazonaws.com}. */
    public static URI regionalEndpoint(String region) {
        return URI.create("https://" + SERVICE + "." + region + ".amazonaws.com");
    }

    /** Every cluster, page by page (Marker), with its tags. */
    public List<Cluster> describeClusters() {
        List<Cluster> all = new ArrayList<>();
        String marker = null;
        do {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("MaxRecords", "100");
            if (marker != null) {
                params.put("Marker", marker);
            }
            Element result = call("DescribeClusters", params);
            for (Element c : children(child(result, "Clusters"), "Cluster")) {
                Element endpoint = child(c, "Endpoint");
                Map<String, String> tags = new LinkedHashMap<>();
                for (Element t : children(child(c, "Tags"), "Tag")) {
                    tags.put(text(t, "Key").orElse(""), text(t, "Value").orElse(""));
                }
                all.add(new Cluster(text(c, "ClusterIdentifier").orElse(""), text(c, "ClusterStatus").orElse(null),
                        text(c, "NodeType").orElse(null), text(c, "NumberOfNodes").map(Integer::valueOf).orElse(null),
                        text(endpoint, "Address").orElse(null), text(endpoint, "Port").map(Integer::valueOf).orElse(null), tags));
            }
            marker = text(result, "Marker").filter(m -> !m.isEmpty()).orElse(null);
        } while (marker != null);
        return all;
    }

    /** Temporary credentials of a database user (AutoCreate as given). */
    public Credentials clusterCredentials(String clusterId, String dbUser, String dbName, Duration duration, boolean autoCreate) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ClusterIdentifier", clusterId);
        params.put("DbUser", dbUser);
        params.put("DbName", dbName);
        params.put("DurationSeconds", Long.toString(duration.toSeconds()));
        params.put("AutoCreate", Boolean.toString(autoCreate));
        Element result = call("GetClusterCredentials", params);
        return new Credentials(text(result, "DbUser").orElse(dbUser), text(result, "DbPassword").orElse(""),
                text(result, "Expiration").map(Instant::parse).orElse(Instant.now().plus(duration)));
    }

    /**
     * Any action: the {@code <Action>Result} element of the answer.
     *
     * @throws RedshiftApiException on an error answer, naming the action, code and message
     */
    public Element call(String action, Map<String, String> params) {
        StringBuilder body = new StringBuilder("Action=").append(encode(action)).append("&Version=").append(VERSION);
        params.forEach((k, v) -> body.append('&').append(encode(k)).append('=').append(encode(v)));
        SignedCalls.Answer answer = calls.post(Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                body.toString());
        Element root = parse(action, answer);
        if (answer.status() / 100 != 2 || root.getTagName().equals("ErrorResponse")) {
            Element error = child(root, "Error");
            String code = text(error, "Code").orElse("HTTP " + answer.status());
            throw new RedshiftApiException(code, "Redshift " + action + " failed: " + code + ": " + text(error, "Message").orElse(""));
        }
        Element result = child(root, action + "Result");
        return result != null ? result : root;
    }

    private Element parse(String action, SignedCalls.Answer answer) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer.body())).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new RedshiftApiException("HTTP " + answer.status(), "Redshift " + action + " at " + calls.endpoint()
                    + " answered " + answer.status() + " with no XML: " + e.getMessage());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The first child element of that name (local name: the answer's namespace is ignored), or null. */
    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName(e).equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && localName(e).equals(name)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    private static String localName(Element e) {
        String name = e.getTagName();
        return name.substring(name.indexOf(':') + 1);
    }

    /** The text of a child element, if it is there. */
    public static Optional<String> text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? Optional.empty() : Optional.of(e.getTextContent().trim());
    }

    @Override
    public void close() {
        calls.close();
    }
}
