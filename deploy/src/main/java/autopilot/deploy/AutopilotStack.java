package autopilot.deploy;

import autopilot.events.Channels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Everything the system needs in AWS, into an existing VPC, for a fleet of Redshift clusters and
 * Serverless workgroups (found by tag, plus an optional static list): the messaging topology, the
 * services' PostgreSQL, an ECS cluster with the four Fargate services, each service's
 * least-privilege task role (discovery and credentials only where needed), network paths (Redshift
 * only from collector and maintenance, through a group users allow on each cluster), alarms and
 * autoscaling (queue consumers on their backlog, the collector on collection lag).
 *
 * <p>The VPC is imported with {@code Vpc.fromVpcAttributes} from explicit ids rather than
 * {@code Vpc.fromLookup}: synthesis then needs no AWS account access or context cache, and the same
 * stack synthesizes in the tests and on a laptop.
 */
public final class AutopilotStack extends Stack {

    static final String COLLECTOR = "collector-service";
    static final String ANALYZER = "analyzer-service";
    static final String MAINTENANCE = "maintenance-service";
    static final String ALERTING = "alerting-service";

    private final Map<String, AutopilotService> services = new LinkedHashMap<>();

    public AutopilotStack(Construct scope, String id, StackProps props, DeploySettings settings) {
        super(scope, id, props);
        Tags.of(this).add("project", "redshift-autopilot");

        IVpc vpc = Vpc.fromVpcAttributes(this, "Vpc", VpcAttributes.builder()
                .vpcId(settings.vpcId())
                .availabilityZones(settings.availabilityZones())
                .privateSubnetIds(settings.subnetIds())
                .build());
        SubnetSelection subnets = SubnetSelection.builder().subnets(vpc.getPrivateSubnets()).build();
        // Nothing here reads the subnets' route tables (no gateway endpoints are added), so their ids are not asked for.
        vpc.getPrivateSubnets().forEach(subnet ->
                Annotations.of(subnet).acknowledgeWarning("@aws-cdk/aws-ec2:noSubnetRouteTableId", "route tables not used"));
        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName("redshift-autopilot")
                .vpc(vpc)
                .containerInsightsV2(ContainerInsights.ENABLED) // RunningTaskCount for the health alarms
                .build();

        Messaging messaging = new Messaging(this, "Messaging", settings);
        StateDatabase database = new StateDatabase(this, "StateDatabase", vpc, subnets, settings);
        FleetAccess fleet = new FleetAccess(this, "Fleet", vpc, settings);
        List<ISecurityGroup> redshiftClients = List.of(fleet.redshiftClients());
        String region = getRegion();

        // Sizes: see deploy/README section "Sizing" for the measurements behind them.
        Map<String, String> collectorEnv = env("autopilot.aws.region", region,
                "autopilot.collector.snapshots-queue", Messaging.awsName(Channels.SNAPSHOTS),
                "quarkus.datasource.jdbc.url", database.jdbcUrl());
        collectorEnv.putAll(clusterAccess("collector", settings.redshiftUser(), StaticCluster::jdbcUrl,
                StaticCluster::secretArn, fleet, settings));
        AutopilotService collector = add(new AutopilotService.Spec(COLLECTOR, 8081, 512, 1024, collectorEnv,
                databaseSecrets(database)), redshiftClients, cluster, vpc, subnets, settings);
        Map<String, String> analyzerEnv = env("autopilot.aws.region", region,
                "autopilot.analyzer.snapshots-queue", Messaging.awsName(Channels.SNAPSHOTS),
                "autopilot.analyzer.recommendations-topic-arn", messaging.recommendations().getTopicArn(),
                "autopilot.analyzer.maintenance-queue", Messaging.awsName(Channels.MAINTENANCE_WORK) + Messaging.FIFO,
                "quarkus.datasource.jdbc.url", database.jdbcUrl());
        analyzerEnv.putAll(env(consoleLinks(settings)));
        AutopilotService analyzer = add(new AutopilotService.Spec(ANALYZER, 8082, 512, 1024, analyzerEnv,
                databaseSecrets(database)), List.of(), cluster, vpc, subnets, settings);
        Map<String, String> maintenanceEnv = env("autopilot.aws.region", region,
                "autopilot.maintenance.work-queue", Messaging.awsName(Channels.MAINTENANCE_WORK) + Messaging.FIFO,
                "autopilot.maintenance.recommendations-topic-arn", messaging.recommendations().getTopicArn(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl());
        maintenanceEnv.putAll(clusterAccess("maintenance", settings.maintenanceUser(), StaticCluster::maintenanceJdbcUrl,
                StaticCluster::maintenanceSecret, fleet, settings));
        AutopilotService maintenance = add(new AutopilotService.Spec(MAINTENANCE, 8083, 256, 512, maintenanceEnv,
                databaseSecrets(database)), redshiftClients, cluster, vpc, subnets, settings);
        Map<String, String> alertingEnv = env("autopilot.aws.region", region,
                "autopilot.alerting.inbox-queue", Messaging.awsName(Channels.ALERTING_INBOX),
                "autopilot.alerting.pages-topic-arn", messaging.pages().getTopicArn(),
                "autopilot.alerting.metrics-namespace", settings.metricsNamespace(),
                "autopilot.alerting.alarms.name-prefix", settings.alertingNamePrefix(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl());
        alertingEnv.putAll(env(fleet.environment(Optional.empty())));
        alertingEnv.putAll(env(consoleLinks(settings)));
        // A listed workgroup gets the Serverless alarms under the name its endpoint starts with; a listed cluster the
        // provisioned ones when its node type is given (otherwise discovery's, if it also carries the tag).
        for (StaticCluster c : settings.clusters()) {
            if (c.serverless()) {
                alertingEnv.putAll(env(clusterKey("alerting", c, "kind"), "serverless",
                        clusterKey("alerting", c, "workgroup"), c.host().substring(0, c.host().indexOf('.'))));
            } else {
                c.nodeType().ifPresent(nodeType -> alertingEnv.putAll(env(clusterKey("alerting", c, "node-type"), nodeType)));
            }
        }
        AutopilotService alerting = add(new AutopilotService.Spec(ALERTING, 8084, 256, 512, alertingEnv,
                databaseSecrets(database)), List.of(), cluster, vpc, subnets, settings);

        // Network: the state database only from the services that keep state there (from each
        // service's own group, not the shared Redshift client group). Redshift: the collector and
        // maintenance tasks carry the Redshift client group, which users allow on each cluster.
        for (String name : List.of(COLLECTOR, ANALYZER, MAINTENANCE, ALERTING)) {
            database.allowFrom(services.get(name).securityGroup(), "state database from " + name);
        }

        // Permissions: exactly the calls each service makes (see each service's application.properties).
        IRole collectorRole = collector.taskRole();
        messaging.snapshots().grantSendMessages(collectorRole);
        fleet.discoveryStatements().forEach(collectorRole::addToPrincipalPolicy);
        fleet.credentialStatements(settings.redshiftUser(), StaticCluster::secretArn)
                .forEach(collectorRole::addToPrincipalPolicy);

        IRole analyzerRole = analyzer.taskRole();
        messaging.snapshots().grantConsumeMessages(analyzerRole);
        messaging.maintenanceWork().grantSendMessages(analyzerRole);
        grantPublishAndDescribe(messaging.recommendations(), analyzerRole);

        IRole maintenanceRole = maintenance.taskRole();
        messaging.maintenanceWork().grantConsumeMessages(maintenanceRole);
        grantPublishAndDescribe(messaging.recommendations(), maintenanceRole);
        fleet.discoveryStatements().forEach(maintenanceRole::addToPrincipalPolicy);
        fleet.credentialStatements(settings.maintenanceUser(), StaticCluster::maintenanceSecret)
                .forEach(maintenanceRole::addToPrincipalPolicy);

        IRole alertingRole = alerting.taskRole();
        messaging.alertingInbox().grantConsumeMessages(alertingRole);
        grantPublishAndDescribe(messaging.pages(), alertingRole);
        cloudWatchStatements(settings).forEach(alertingRole::addToPrincipalPolicy);
        fleet.discoveryStatements().forEach(alertingRole::addToPrincipalPolicy);

        // The console: an internal load balancer with OIDC sign-in in front of the services' pages (deploy/README.md, Console).
        settings.console().ifPresent(console -> new Console(this, "Console", console, vpc, subnets, services));

        new Operations(this, "Operations", settings, cluster, messaging, services, Map.of(
                ANALYZER, messaging.snapshots(), MAINTENANCE, messaging.maintenanceWork()));

        CfnOutput.Builder.create(this, "RecommendationsTopicArn").value(messaging.recommendations().getTopicArn())
                .description("Other systems subscribe here for findings and maintenance outcomes").build();
        CfnOutput.Builder.create(this, "PagesTopicArn").value(messaging.pages().getTopicArn())
                .description("On-call subscriptions (e-mail, chat, incident tools) go here").build();
        CfnOutput.Builder.create(this, "RedshiftClientSecurityGroupId").value(fleet.redshiftClients().getSecurityGroupId())
                .description("Allow this group on each monitored cluster's or workgroup's security group (Redshift port)").build();
        // A Serverless workgroup reached with IAM credentials sees the task role as database user IAMR:<role name>.
        CfnOutput.Builder.create(this, "CollectorTaskRoleName").value(collector.taskRole().getRoleName())
                .description("Serverless with IAM credentials: grant the monitoring privileges to database user IAMR:<this>").build();
        CfnOutput.Builder.create(this, "MaintenanceTaskRoleName").value(maintenance.taskRole().getRoleName())
                .description("Serverless with IAM credentials: grant the maintenance privileges to database user IAMR:<this>").build();
    }

    private AutopilotService add(AutopilotService.Spec spec, List<ISecurityGroup> sharedGroups, Cluster cluster, IVpc vpc,
                                 SubnetSelection subnets, DeploySettings settings) {
        AutopilotService service = new AutopilotService(this, idOf(spec.name()), spec, sharedGroups, cluster, vpc, subnets,
                settings);
        services.put(spec.name(), service);
        return service;
    }

    /**
     * {@code autopilot.console.base-url} for the services whose events and pages link to the console,
     * when there is one (no console: no links).
     */
    private static Map<String, String> consoleLinks(DeploySettings settings) {
        return settings.console().map(c -> Map.of("autopilot.console.base-url", c.baseUrl())).orElse(Map.of());
    }

    /** The four services by name, for tests and operations. */
    public Map<String, AutopilotService> services() {
        return Map.copyOf(services);
    }

    private static String idOf(String serviceName) {
        String base = serviceName.substring(0, serviceName.indexOf('-'));
        return Character.toUpperCase(base.charAt(0)) + base.substring(1);
    }

    /** {@code autopilot.<service>.clusters.<id>.<key>}: the per-cluster configuration block of a service. */
    private static String clusterKey(String service, StaticCluster cluster, String key) {
        return "autopilot." + service + ".clusters." + cluster.id() + "." + key;
    }

    /**
     * How a service that opens database sessions finds its clusters: discovery, connecting as
     * {@code user}, and the listed clusters as its static cluster blocks (URL, user, and the secret
     * when the cluster has one; without, the URL is an IAM URL and the driver gets temporary credentials).
     */
    private static Map<String, String> clusterAccess(String service, String user, Function<StaticCluster, String> url,
                                                     Function<StaticCluster, Optional<String>> secret, FleetAccess fleet,
                                                     DeploySettings settings) {
        Map<String, String> env = env(fleet.environment(Optional.of(user)));
        for (StaticCluster c : settings.clusters()) {
            env.putAll(env(clusterKey(service, c, "jdbc-url"), url.apply(c), clusterKey(service, c, "user"), user));
            secret.apply(c).ifPresent(arn -> env.putAll(env(clusterKey(service, c, "secret-id"), arn)));
        }
        return env;
    }

    /**
     * Configuration keys as environment variables, by the rule Quarkus (SmallRye Config) reads them
     * back: every character that is not a letter or digit becomes {@code _}, then upper case.
     */
    static String envName(String configKey) {
        return configKey.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(envName(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return env;
    }

    private static Map<String, String> env(Map<String, String> configuration) {
        Map<String, String> env = new LinkedHashMap<>();
        configuration.forEach((key, value) -> env.put(envName(key), value));
        return env;
    }

    /** The state database's user and password, injected by ECS from the RDS-generated secret. */
    private static Map<String, Secret> databaseSecrets(StateDatabase database) {
        return Map.of(
                envName("quarkus.datasource.username"), Secret.fromSecretsManager(database.secret(), "username"),
                envName("quarkus.datasource.password"), Secret.fromSecretsManager(database.secret(), "password"));
    }

    /** Publish, plus GetTopicAttributes on the same topic: the services' readiness checks call it. */
    private static void grantPublishAndDescribe(Topic topic, IRole role) {
        topic.grantPublish(role);
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sns:GetTopicAttributes"))
                .resources(List.of(topic.getTopicArn()))
                .build());
    }

    /**
     * The alerting service's CloudWatch rights: metrics only in its namespace, alarms and dashboards
     * only under its name prefix. Two actions cannot be scoped further: PutMetricData and
     * ListDashboards have no resource-level permissions (PutMetricData is held to the namespace by
     * a condition), and DescribeAlarms without a name filter (the readiness check) is authorised
     * against every alarm of the account and region, so it gets {@code alarm:*} (read-only).
     */
    private List<PolicyStatement> cloudWatchStatements(DeploySettings settings) {
        String ownedAlarms = formatArn(ArnComponents.builder().service("cloudwatch").resource("alarm")
                .resourceName(settings.alertingNamePrefix() + "*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        String allAlarms = formatArn(ArnComponents.builder().service("cloudwatch").resource("alarm")
                .resourceName("*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        String ownedDashboards = formatArn(ArnComponents.builder().service("cloudwatch").region("").resource("dashboard")
                .resourceName(settings.alertingNamePrefix() + "*").arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        return List.of(
                PolicyStatement.Builder.create().sid("MetricsInOwnNamespace")
                        .actions(List.of("cloudwatch:PutMetricData")).resources(List.of("*"))
                        .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", settings.metricsNamespace())))
                        .build(),
                PolicyStatement.Builder.create().sid("OwnAlarms")
                        .actions(List.of("cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource",
                                "cloudwatch:ListTagsForResource"))
                        .resources(List.of(ownedAlarms)).build(),
                PolicyStatement.Builder.create().sid("ReadAlarms")
                        .actions(List.of("cloudwatch:DescribeAlarms")).resources(List.of(allAlarms)).build(),
                PolicyStatement.Builder.create().sid("OwnDashboards")
                        .actions(List.of("cloudwatch:PutDashboard", "cloudwatch:GetDashboard", "cloudwatch:DeleteDashboards"))
                        .resources(List.of(ownedDashboards)).build(),
                PolicyStatement.Builder.create().sid("ListDashboards")
                        .actions(List.of("cloudwatch:ListDashboards")).resources(List.of("*")).build());
    }
}
