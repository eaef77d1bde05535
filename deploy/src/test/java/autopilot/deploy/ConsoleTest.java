package autopilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The console behind an internal load balancer: HTTPS with OIDC sign-in in front of every path, each
 * service's pages routed by path, reachable only from the configured networks; no console (and no
 * load balancer) without its settings, and half of them refused.
 */
class ConsoleTest {

    static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:autopilot/console-oidc-AbCdEf";
    static final String CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100";

    private static Template template;
    private static AutopilotStack stack;

    static Map<String, Object> consoleContext() {
        Map<String, Object> context = new HashMap<>(Synthesized.requiredContext());
        context.put("consoleDomainName", "autopilot.internal.example.com");
        context.put("consoleCertificateArn", CERTIFICATE);
        context.put("consoleAllowedCidrs", "10.20.0.0/16,192.168.8.0/24");
        context.put("consoleOidcIssuer", "https://login.example.com");
        context.put("consoleOidcAuthorizationEndpoint", "https://login.example.com/oauth2/authorize");
        context.put("consoleOidcTokenEndpoint", "https://login.example.com/oauth2/token");
        context.put("consoleOidcUserInfoEndpoint", "https://login.example.com/oauth2/userinfo");
        context.put("consoleOidcClientId", "autopilot-console");
        context.put("consoleOidcClientSecretArn", SECRET);
        return context;
    }

    @BeforeAll
    static void synthesize() {
        stack = Synthesized.synthesize(consoleContext());
        template = Template.fromStack(stack);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> resources(String type) {
        return (Map<String, Map<String, Object>>) (Map<?, ?>) template.findResources(type);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @Test
    void anInternalLoadBalancerWithoutWarnings() {
        Annotations annotations = Annotations.fromStack(stack);
        annotations.hasNoError("*", Match.anyValue());
        annotations.hasNoWarning("*", Match.anyValue());
        Map<String, Map<String, Object>> balancers = resources("AWS::ElasticLoadBalancingV2::LoadBalancer");
        assertThat(balancers).hasSize(1);
        Map<String, Object> lb = props(balancers.values().iterator().next());
        assertThat(lb).containsEntry("Scheme", "internal").containsEntry("Type", "application");
        assertThat(list(lb.get("LoadBalancerAttributes"))).contains(
                Map.of("Key", "routing.http.drop_invalid_header_fields.enabled", "Value", "true"));
        assertThat(template.toJSON().get("Outputs").toString()).contains("ConsoleLoadBalancerDnsName")
                .contains("https://autopilot.internal.example.com/console");
    }

    @Test
    void everyHttpsRouteSignsInFirstAndHttpOnlyRedirects() {
        Map<String, Map<String, Object>> listeners = resources("AWS::ElasticLoadBalancingV2::Listener");
        assertThat(listeners).hasSize(2);
        Map<String, Object> https = listeners.values().stream().map(ConsoleTest::props)
                .filter(p -> "HTTPS".equals(p.get("Protocol"))).findFirst().orElseThrow();
        Map<String, Object> http = listeners.values().stream().map(ConsoleTest::props)
                .filter(p -> "HTTP".equals(p.get("Protocol"))).findFirst().orElseThrow();
        assertThat(https).containsEntry("Port", 443);
        assertThat(list(https.get("Certificates"))).containsExactly(Map.of("CertificateArn", CERTIFICATE));
        assertThat(list(http.get("DefaultActions"))).singleElement().satisfies(a -> assertThat(a).containsEntry("Type", "redirect"));
        assertSignsInThen(list(https.get("DefaultActions")), "redirect");
        Map<String, Map<String, Object>> rules = resources("AWS::ElasticLoadBalancingV2::ListenerRule");
        assertThat(rules).hasSize(3);
        rules.values().forEach(rule -> assertSignsInThen(list(props(rule).get("Actions")), "forward"));
    }

    /** authenticate-oidc first (order 1) with the IdP's endpoints and the secret by reference, then the given action. */
    @SuppressWarnings("unchecked")
    private static void assertSignsInThen(List<Map<String, Object>> actions, String then) {
        assertThat(actions).extracting(a -> a.get("Type")).containsExactly("authenticate-oidc", then);
        assertThat(actions).extracting(a -> a.get("Order")).containsExactly(1, 2);
        Map<String, Object> oidc = (Map<String, Object>) actions.get(0).get("AuthenticateOidcConfig");
        assertThat(oidc).containsEntry("Issuer", "https://login.example.com")
                .containsEntry("TokenEndpoint", "https://login.example.com/oauth2/token")
                .containsEntry("ClientId", "autopilot-console").containsEntry("OnUnauthenticatedRequest", "authenticate")
                .containsKey("SessionTimeout");
        assertThat(String.valueOf(oidc.get("SessionTimeout"))).isEqualTo(String.valueOf(12 * 3600));
        // The client secret is a dynamic reference resolved by CloudFormation, never the secret itself.
        assertThat(String.valueOf(oidc.get("ClientSecret"))).startsWith("{{resolve:secretsmanager:" + SECRET);
    }

    @Test
    void eachServicesPagesGoToThatServiceByPath() {
        Map<String, Map<String, Object>> groups = resources("AWS::ElasticLoadBalancingV2::TargetGroup");
        Map<String, Integer> portByGroup = groups.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> (Integer) props(e.getValue()).get("Port")));
        groups.values().forEach(g -> assertThat(props(g)).containsEntry("TargetType", "ip")
                .containsEntry("HealthCheckPath", "/q/health/live"));
        Map<String, Integer> portByPath = new HashMap<>();
        Map<Integer, String> pathsByPriority = new java.util.TreeMap<>();
        for (Map<String, Object> rule : resources("AWS::ElasticLoadBalancingV2::ListenerRule").values()) {
            Map<String, Object> p = props(rule);
            @SuppressWarnings("unchecked")
            List<String> paths = (List<String>) ((Map<String, Object>) list(p.get("Conditions")).get(0).get("PathPatternConfig")).get("Values");
            @SuppressWarnings("unchecked")
            String group = (String) ((Map<String, Object>) list(p.get("Actions")).get(1).get("TargetGroupArn")).get("Ref");
            paths.forEach(path -> portByPath.put(path, portByGroup.get(group)));
            pathsByPriority.put((Integer) p.get("Priority"), paths.get(0));
        }
        // analyzer 8082, maintenance 8083, alerting 8084; the catch-all /console/* is looked at last.
        assertThat(portByPath).containsExactlyInAnyOrderEntriesOf(Map.of("/console", 8082, "/console/*", 8082,
                "/console/maintenance", 8083, "/console/maintenance/*", 8083, "/console/alerts", 8084, "/console/alerts/*", 8084));
        assertThat(pathsByPriority.values()).containsExactly("/console/maintenance", "/console/alerts", "/console");
    }

    @Test
    void onlyTheConfiguredNetworksReachTheLoadBalancerAndOnlyItReachesThePages() {
        String lbGroup = resources("AWS::EC2::SecurityGroup").entrySet().stream()
                .filter(e -> String.valueOf(props(e.getValue()).get("GroupDescription")).contains("console load balancer"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        List<Map<String, Object>> ingress = list(props(resources("AWS::EC2::SecurityGroup").get(lbGroup)).get("SecurityGroupIngress"));
        assertThat(ingress).extracting(r -> r.get("CidrIp") + ":" + r.get("FromPort")).containsExactlyInAnyOrder(
                "10.20.0.0/16:443", "10.20.0.0/16:80", "192.168.8.0/24:443", "192.168.8.0/24:80");
        // Services take the load balancer's requests on their port only; the collector takes none.
        List<String> fromLb = resources("AWS::EC2::SecurityGroupIngress").values().stream().map(ConsoleTest::props)
                .filter(p -> String.valueOf(p.get("SourceSecurityGroupId")).contains(lbGroup))
                .map(p -> p.get("FromPort") + "-" + p.get("ToPort") + " " + p.get("GroupId")).sorted().toList();
        // Each into the service's own group: never the shared Redshift client group the collector's tasks carry too.
        assertThat(fromLb).hasSize(3).allSatisfy(r -> assertThat(r).doesNotContain("RedshiftClients"));
        assertThat(fromLb.get(0)).startsWith("8082-8082").contains("Analyzer");
        assertThat(fromLb.get(1)).startsWith("8083-8083").contains("Maintenance");
        assertThat(fromLb.get(2)).startsWith("8084-8084").contains("Alerting");
        // And the ECS services are in their target groups, on their container port.
        String services = resources("AWS::ECS::Service").toString();
        assertThat(services.split("TargetGroupArn", -1)).hasSize(4);
    }

    @Test
    void analyzerAndAlertingLinkToTheConsole() {
        String environment = template.toJSON().get("Resources").toString();
        assertThat(environment.split("AUTOPILOT_CONSOLE_BASE_URL", -1)).hasSize(3);
        assertThat(environment).contains("https://autopilot.internal.example.com");
    }

    @Test
    void withoutConsoleSettingsThereIsNoLoadBalancerNorLink() {
        assertThat(Synthesized.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")).isEmpty();
        assertThat(Synthesized.template().toJSON().toString()).doesNotContain("AUTOPILOT_CONSOLE_BASE_URL");
    }

    @Test
    void halfTheConsoleSettingsAreRefusedNamingWhatIsMissing() {
        Map<String, Object> context = new HashMap<>(Synthesized.requiredContext());
        context.put("consoleDomainName", "autopilot.internal.example.com");
        context.put("consoleOidcClientId", "autopilot-console");
        assertThatThrownBy(() -> DeploySettings.fromContext(context::get)).isInstanceOf(InvalidDeploySettingsException.class)
                .hasMessageContaining("consoleCertificateArn: is required for the console")
                .hasMessageContaining("consoleOidcClientSecretArn").hasMessageContaining("consoleAllowedCidrs");
        Map<String, Object> plainHttp = consoleContext();
        plainHttp.put("consoleOidcTokenEndpoint", "http://login.example.com/token");
        plainHttp.put("consoleAllowedCidrs", "10.20.0.0/33");
        assertThatThrownBy(() -> DeploySettings.fromContext(plainHttp::get)).hasMessageContaining("consoleOidcTokenEndpoint")
                .hasMessageContaining("consoleAllowedCidrs");
    }
}
