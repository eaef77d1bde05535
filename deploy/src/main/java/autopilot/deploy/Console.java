package autopilot.deploy;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.ConnectionsProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListenerRule;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.AuthenticateOidcOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.elasticloadbalancingv2.UnauthenticatedAction;
import software.constructs.Construct;

/**
 * The console for people: an internal Application Load Balancer in the services' private subnets,
 * reachable only from the configured networks, HTTPS only (HTTP redirects), routing by path to the
 * service that owns the pages (services still never call each other). Every rule, and the default
 * action, authenticates the request with the OIDC identity provider first, so no request reaches a
 * service anonymously; the load balancer then forwards it with the user's claims in
 * {@code x-amzn-oidc-*} headers.
 *
 * <p>AWS, "Authenticate users using an Application Load Balancer" (listener-authenticate-users.html):
 * authenticate actions are supported on HTTPS listeners only; the IdP's endpoints must be HTTPS with
 * publicly resolvable names, and the load balancer must reach them (outbound 443, which CDK opens
 * on its group, through the subnets' NAT route); the IdP must allow the redirect URL
 * {@code https://<domainName>/oauth2/idpresponse}.
 */
public final class Console extends Construct {

    /** Paths per service, most specific first: the rule priorities follow this order. */
    static final Map<String, List<String>> PATHS = paths();

    private static Map<String, List<String>> paths() {
        Map<String, List<String>> paths = new java.util.LinkedHashMap<>();
        paths.put(AutopilotStack.MAINTENANCE, List.of("/console/maintenance", "/console/maintenance/*"));
        paths.put(AutopilotStack.ALERTING, List.of("/console/alerts", "/console/alerts/*"));
        paths.put(AutopilotStack.ANALYZER, List.of("/console", "/console/*"));
        return java.util.Collections.unmodifiableMap(paths);
    }

    /** How long a signed-in person stays signed in before the IdP is asked again (ALB's default is 7 days). */
    static final Duration SESSION = Duration.hours(12);

    private final ApplicationLoadBalancer loadBalancer;

    Console(Construct scope, String id, ConsoleSettings settings, IVpc vpc, SubnetSelection subnets,
            Map<String, AutopilotService> services) {
        super(scope, id);
        SecurityGroup group = SecurityGroup.Builder.create(this, "SecurityGroup").vpc(vpc)
                .description("Redshift Autopilot console load balancer").allowAllOutbound(false).build();
        for (String cidr : settings.allowedCidrs()) {
            group.addIngressRule(Peer.ipv4(cidr), Port.tcp(443), "console (HTTPS) from " + cidr);
            group.addIngressRule(Peer.ipv4(cidr), Port.tcp(80), "redirect to HTTPS from " + cidr);
        }
        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer").vpc(vpc).vpcSubnets(subnets)
                .internetFacing(false).securityGroup(group).dropInvalidHeaderFields(true).build();
        loadBalancer.addListener("Http", software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps.builder()
                .protocol(ApplicationProtocol.HTTP).port(80).open(false)
                .defaultAction(ListenerAction.redirect(RedirectOptions.builder().protocol("HTTPS").port("443").permanent(true).build()))
                .build());
        ApplicationListener https = loadBalancer.addListener("Https",
                software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps.builder()
                        .protocol(ApplicationProtocol.HTTPS).port(443).open(false).sslPolicy(SslPolicy.RECOMMENDED_TLS)
                        .certificates(List.of(ListenerCertificate.fromArn(settings.certificateArn())))
                        .defaultAction(signedIn(settings, ListenerAction.redirect(RedirectOptions.builder().path("/console").build())))
                        .build());
        int priority = 10;
        for (Map.Entry<String, List<String>> route : PATHS.entrySet()) {
            AutopilotService service = services.get(route.getKey());
            ApplicationTargetGroup target = ApplicationTargetGroup.Builder.create(this, route.getKey() + "-target")
                    .vpc(vpc).targetType(TargetType.IP).protocol(ApplicationProtocol.HTTP).port(service.port())
                    .healthCheck(HealthCheck.builder().path("/q/health/live").healthyHttpCodes("200").build())
                    .deregistrationDelay(Duration.seconds(30)).build();
            service.register(target);
            // Only the service's own group opens to the load balancer. Registering the service itself would open
            // every group its tasks carry, among them the shared Redshift client group, and so the collector's tasks.
            target.registerConnectable(new Connections(ConnectionsProps.builder()
                    .securityGroups(List.of(service.securityGroup())).build()), Port.tcp(service.port()));
            ApplicationListenerRule.Builder.create(this, route.getKey() + "-rule").listener(https).priority(priority)
                    .conditions(List.of(ListenerCondition.pathPatterns(route.getValue())))
                    .action(signedIn(settings, ListenerAction.forward(List.of(target)))).build();
            priority += 10;
        }
        CfnOutput.Builder.create(scope, "ConsoleLoadBalancerDnsName").value(loadBalancer.getLoadBalancerDnsName())
                .description("Point " + settings.domainName() + " (CNAME or alias) at this name; the IdP must allow "
                        + settings.baseUrl() + "/oauth2/idpresponse").build();
        CfnOutput.Builder.create(scope, "ConsoleUrl").value(settings.baseUrl() + "/console")
                .description("The console (sign-in through the OIDC identity provider)").build();
    }

    /** Authenticate with the IdP, then {@code next}. */
    private static ListenerAction signedIn(ConsoleSettings settings, ListenerAction next) {
        return ListenerAction.authenticateOidc(AuthenticateOidcOptions.builder()
                .issuer(settings.issuer()).authorizationEndpoint(settings.authorizationEndpoint())
                .tokenEndpoint(settings.tokenEndpoint()).userInfoEndpoint(settings.userInfoEndpoint())
                .clientId(settings.clientId())
                // A dynamic reference: CloudFormation resolves it at deploy time; the template never holds the secret.
                .clientSecret(SecretValue.secretsManager(settings.clientSecretArn()))
                .onUnauthenticatedRequest(UnauthenticatedAction.AUTHENTICATE).sessionTimeout(SESSION)
                .next(next).build());
    }

    public ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }
}
