package autopilot.deploy;

import java.util.List;

/**
 * Where people reach the console and how they sign in: an internal Application Load Balancer with an
 * HTTPS listener whose every rule first authenticates through an OpenID Connect identity provider
 * (ALB "authenticate-oidc"; Cognito user pools publish the same OIDC endpoints, so they are one
 * option among IdPs, not a second code path).
 *
 * @param domainName            the name people open (the certificate's), pointed at the load balancer's DNS name
 * @param certificateArn        ACM certificate for {@code domainName} (authenticate actions need HTTPS)
 * @param allowedCidrs          networks that may reach the load balancer (the office or VPN ranges)
 * @param issuer                the IdP's issuer
 * @param authorizationEndpoint its authorization endpoint
 * @param tokenEndpoint         its token endpoint
 * @param userInfoEndpoint      its user info endpoint
 * @param clientId              the console's client id at the IdP
 * @param clientSecretArn       Secrets Manager secret holding the client secret (plain text), resolved at deploy time
 */
public record ConsoleSettings(String domainName, String certificateArn, List<String> allowedCidrs, String issuer,
                              String authorizationEndpoint, String tokenEndpoint, String userInfoEndpoint, String clientId,
                              String clientSecretArn) {

    /** The console's base URL, as the services put it in links. */
    public String baseUrl() {
        return "https://" + domainName;
    }
}
