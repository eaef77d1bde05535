package autopilot.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * What the services need to watch a fleet of Redshift clusters and Serverless workgroups the stack
 * does not own and cannot list at synthesis time: the discovery settings, the IAM statements for
 * discovery and for database credentials, and one security group for the tasks that open database
 * sessions, which users allow on each monitored cluster's own security group (deploy/README.md,
 * "Security groups").
 *
 * <p>Resource-level scoping follows the AWS Service Authorization Reference:
 * <ul>
 *   <li>Amazon Redshift (docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshift.html):
 *       {@code redshift:DescribeClusters} has no resource type (so {@code *});
 *       {@code redshift:GetClusterCredentials} requires a {@code dbuser}
 *       ({@code arn:...:redshift:REGION:ACCOUNT:dbuser:CLUSTER/USER}) and takes an optional {@code dbname}
 *       ({@code dbname:CLUSTER/DATABASE}) that a request naming its database (DbName) needs: both are
 *       granted, the user fixed, cluster and database open.</li>
 *   <li>Amazon Redshift Serverless (.../reference/list_amazonredshiftserverless.html):
 *       {@code ListWorkgroups} has no resource type; {@code GetWorkgroup}, {@code ListTagsForResource}
 *       and {@code GetCredentials} take the {@code workgroup} resource
 *       ({@code arn:...:redshift-serverless:REGION:ACCOUNT:workgroup/WORKGROUP_ID}: an id, not the name,
 *       so a workgroup cannot be named in advance) with the condition key {@code aws:ResourceTag/${TagKey}}.
 *       Discovery reads every workgroup's tags, so its calls cover {@code workgroup/*}; credentials are
 *       granted only on workgroups carrying the discovery tag. GetCredentials has no {@code dbname}
 *       resource there, and the database user it returns is derived from the caller's role
 *       ({@code IAMR:<role name>}), not chosen.</li>
 *   <li>Secrets Manager: {@code GetSecretValue} on {@code secret:<clusterSecretPrefix>*} and on each listed
 *       cluster's secret. A name prefix rather than a {@code secretsmanager:ResourceTag/...} condition: the
 *       policy itself then bounds what can be read, whereas with a tag condition anyone allowed to tag a
 *       secret (an administrator's Redshift secret, say) could hand it to the services.</li>
 * </ul>
 */
final class FleetAccess extends Construct {

    private final DeploySettings settings;
    private final SecurityGroup redshiftClients;

    FleetAccess(Construct scope, String id, IVpc vpc, DeploySettings settings) {
        super(scope, id);
        this.settings = settings;
        // EC2 allows no apostrophes in descriptions.
        redshiftClients = SecurityGroup.Builder.create(this, "RedshiftClients")
                .vpc(vpc)
                .description("Redshift Autopilot tasks that open Redshift sessions (collector, maintenance);"
                        + " allow this group on each monitored cluster or workgroup security group")
                .allowAllOutbound(false)
                .build();
        // The clusters' addresses are not known here (and change with discovery): egress is open on
        // the Redshift ports only, and each cluster's own security group decides who gets in.
        for (int port : settings.egressPorts()) {
            redshiftClients.addEgressRule(Peer.anyIpv4(), Port.tcp(port), "Redshift clusters and workgroups on port " + port);
        }
    }

    /** The group the collector and maintenance tasks carry besides their own, for cluster ingress rules. */
    SecurityGroup redshiftClients() {
        return redshiftClients;
    }

    /**
     * The {@code autopilot.discovery.*} environment of a service that runs discovery.
     *
     * @param user the database user the service connects as when a cluster has no {@code autopilot:user}
     *             tag; empty for a service that opens no database session (alerting)
     */
    Map<String, String> environment(Optional<String> user) {
        DeploySettings.Discovery discovery = settings.discovery();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("autopilot.discovery.enabled", Boolean.toString(discovery.enabled()));
        env.put("autopilot.discovery.interval", discovery.interval().toString());
        env.put("autopilot.discovery.tag-key", discovery.tagKey());
        env.put("autopilot.discovery.tag-value", discovery.tagValue());
        env.put("autopilot.discovery.provisioned", Boolean.toString(discovery.provisioned()));
        env.put("autopilot.discovery.serverless", Boolean.toString(discovery.serverless()));
        user.ifPresent(u -> {
            env.put("autopilot.discovery.user", u);
            env.put("autopilot.discovery.database", settings.redshiftDatabase());
        });
        return env;
    }

    /** Discovery's read-only calls, for each kind of cluster discovery looks for. */
    List<PolicyStatement> discoveryStatements() {
        List<PolicyStatement> statements = new ArrayList<>();
        if (settings.discovery().provisioned()) {
            statements.add(statement("DiscoverClusters", List.of("redshift:DescribeClusters"), List.of("*")));
        }
        if (settings.discovery().serverless()) {
            statements.add(statement("ListWorkgroups", List.of("redshift-serverless:ListWorkgroups"), List.of("*")));
            statements.add(statement("DescribeWorkgroups",
                    List.of("redshift-serverless:GetWorkgroup", "redshift-serverless:ListTagsForResource"),
                    List.of(workgroups())));
        }
        return statements;
    }

    /**
     * How one database user gets its password: IAM temporary credentials on provisioned clusters
     * (when discovery looks for them or a listed cluster has no secret), on tagged Serverless
     * workgroups (when discovery looks for them), and the secrets under the prefix plus the listed ones.
     *
     * @param dbUser the service's database user
     * @param secret the secret this service reads for a listed cluster (empty: IAM credentials)
     */
    List<PolicyStatement> credentialStatements(String dbUser, Function<StaticCluster, Optional<String>> secret) {
        List<PolicyStatement> statements = new ArrayList<>();
        boolean listedWithoutSecret = settings.clusters().stream().anyMatch(c -> secret.apply(c).isEmpty());
        if (settings.discovery().provisioned() || listedWithoutSecret) {
            statements.add(statement("ClusterCredentials", List.of("redshift:GetClusterCredentials"), List.of(
                    arn("redshift", "dbuser", "*/" + dbUser, ArnFormat.COLON_RESOURCE_NAME),
                    arn("redshift", "dbname", "*/*", ArnFormat.COLON_RESOURCE_NAME))));
        }
        if (settings.discovery().serverless()) {
            statements.add(PolicyStatement.Builder.create().sid("WorkgroupCredentials")
                    .actions(List.of("redshift-serverless:GetCredentials"))
                    .resources(List.of(workgroups()))
                    .conditions(Map.of("StringEquals", Map.of(
                            "aws:ResourceTag/" + settings.discovery().tagKey(), settings.discovery().tagValue())))
                    .build());
        }
        statements.add(statement("ClusterSecrets", List.of("secretsmanager:GetSecretValue"), Stream.concat(
                Stream.of(arn("secretsmanager", "secret", settings.clusterSecretPrefix() + "*", ArnFormat.COLON_RESOURCE_NAME)),
                settings.clusters().stream().map(secret).flatMap(Optional::stream)).distinct().toList()));
        return statements;
    }

    private String workgroups() {
        return arn("redshift-serverless", "workgroup", "*", ArnFormat.SLASH_RESOURCE_NAME);
    }

    private String arn(String service, String resource, String name, ArnFormat format) {
        return Stack.of(this).formatArn(ArnComponents.builder().service(service).resource(resource).resourceName(name)
                .arnFormat(format).build());
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }
}
