package autopilot.deploy;

import static autopilot.deploy.AutopilotStackTest.environment;
import static autopilot.deploy.Synthesized.logicalId;
import static autopilot.deploy.Synthesized.properties;
import static autopilot.deploy.Synthesized.resources;
import static autopilot.deploy.Synthesized.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The stack deploys for a fleet: the services discover clusters by tag (and take the listed ones as
 * static configuration), the tasks that open sessions carry one security group users allow on each
 * cluster, and the collector scales out on the fleet's collection lag.
 */
class FleetTest {

    /** The discovery settings every discovering service gets. */
    static final List<String> DISCOVERY = List.of("AUTOPILOT_DISCOVERY_ENABLED", "AUTOPILOT_DISCOVERY_INTERVAL",
            "AUTOPILOT_DISCOVERY_TAG_KEY", "AUTOPILOT_DISCOVERY_TAG_VALUE", "AUTOPILOT_DISCOVERY_PROVISIONED",
            "AUTOPILOT_DISCOVERY_SERVERLESS");
    /** ... and the services that open database sessions: as which user, in which database by default. */
    static final List<String> DISCOVERY_WITH_USER = Stream.concat(DISCOVERY.stream(),
            Stream.of("AUTOPILOT_DISCOVERY_USER", "AUTOPILOT_DISCOVERY_DATABASE")).toList();

    @Test
    void discoveryRunsInCollectorMaintenanceAndAlertingButNotTheAnalyzer() {
        Map<String, Object> defaults = Map.of("AUTOPILOT_DISCOVERY_ENABLED", "true", "AUTOPILOT_DISCOVERY_INTERVAL", "PT5M",
                "AUTOPILOT_DISCOVERY_TAG_KEY", "autopilot:monitor", "AUTOPILOT_DISCOVERY_TAG_VALUE", "true",
                "AUTOPILOT_DISCOVERY_PROVISIONED", "true", "AUTOPILOT_DISCOVERY_SERVERLESS", "true");
        assertThat(environment("collector-service")).containsAllEntriesOf(defaults)
                .containsEntry("AUTOPILOT_DISCOVERY_USER", "autopilot_monitor")
                .containsEntry("AUTOPILOT_DISCOVERY_DATABASE", "dev");
        assertThat(environment("maintenance-service")).containsAllEntriesOf(defaults)
                .containsEntry("AUTOPILOT_DISCOVERY_USER", "autopilot_maintenance")
                .containsEntry("AUTOPILOT_DISCOVERY_DATABASE", "dev");
        assertThat(environment("alerting-service")).containsAllEntriesOf(defaults)
                .doesNotContainKeys("AUTOPILOT_DISCOVERY_USER", "AUTOPILOT_DISCOVERY_DATABASE");
        assertThat(environment("analyzer-service").keySet()).noneMatch(name -> name.startsWith("AUTOPILOT_DISCOVERY_"));
    }

    @Test
    void discoverySettingsReachTheServices() {
        Map<String, Object> context = Synthesized.requiredContext();
        context.put("discoveryServerless", "false");
        context.put("discoveryTagKey", "team:redshift-watch");
        context.put("discoveryTagValue", "yes");
        context.put("discoveryInterval", "PT15M");
        AutopilotStack stack = Synthesized.synthesize(context);
        Map<String, Object> env = environment(Template.fromStack(stack), "collector-service");
        assertThat(env).containsEntry("AUTOPILOT_DISCOVERY_SERVERLESS", "false")
                .containsEntry("AUTOPILOT_DISCOVERY_PROVISIONED", "true")
                .containsEntry("AUTOPILOT_DISCOVERY_TAG_KEY", "team:redshift-watch")
                .containsEntry("AUTOPILOT_DISCOVERY_TAG_VALUE", "yes")
                .containsEntry("AUTOPILOT_DISCOVERY_INTERVAL", "PT15M");
    }

    @Test
    void listedClustersBecomeTheServicesStaticClusterBlocks() {
        assertListedClusters("collector", "autopilot_monitor", Synthesized.REDSHIFT_SECRET_ARN);
        assertListedClusters("maintenance", "autopilot_maintenance", Synthesized.MAINTENANCE_SECRET_ARN);
        // alarms and a dashboard for a listed cluster that names its node type
        assertThat(environment("alerting-service"))
                .containsEntry("AUTOPILOT_ALERTING_CLUSTERS_MAIN_NODE_TYPE", "ra3.4xlarge")
                .doesNotContainKey("AUTOPILOT_ALERTING_CLUSTERS_LEGACY_NODE_TYPE");
        assertThat(environment("analyzer-service").keySet()).noneMatch(name -> name.contains("_CLUSTERS_"));
    }

    @Test
    void aListedWorkgroupGetsTheServerlessAlarmsUnderItsWorkgroupName() {
        Map<String, Object> context = Synthesized.requiredContext();
        context.put("clusters", "[{\"id\":\"sales\",\"endpoint\":\"sales.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/sales\","
                + "\"secretArn\":\"" + Synthesized.REDSHIFT_SECRET_ARN + "\"}]");
        Map<String, Object> env = environment(Template.fromStack(Synthesized.synthesize(context)), "alerting-service");
        assertThat(env).containsEntry("AUTOPILOT_ALERTING_CLUSTERS_SALES_KIND", "serverless")
                .containsEntry("AUTOPILOT_ALERTING_CLUSTERS_SALES_WORKGROUP", "sales")
                .doesNotContainKey("AUTOPILOT_ALERTING_CLUSTERS_SALES_NODE_TYPE");
    }

    @Test
    void collectorScalesOutOnTheFleetsCollectionLag() {
        Map<String, Object> target = properties(resources("AWS::ApplicationAutoScaling::ScalableTarget").get(
                logicalId("AWS::ApplicationAutoScaling::ScalableTarget", "CollectorServiceTaskCountTarget")));
        assertThat(target).containsEntry("MinCapacity", 1).containsEntry("MaxCapacity", 4)
                .containsEntry("ScalableDimension", "ecs:service:DesiredCount");

        List<Map<String, Object>> alarms = resources("AWS::CloudWatch::Alarm").values().stream().map(Synthesized::properties)
                .filter(p -> "CollectionLagSeconds".equals(p.get("MetricName"))).toList();
        // the fleet's largest lag: the series the alerting service publishes without dimensions
        assertThat(alarms).hasSize(2).allSatisfy(alarm -> assertThat(alarm)
                .containsEntry("Namespace", "RedshiftAutopilot")
                .containsEntry("Statistic", "Maximum")
                .containsEntry("Period", 300)
                .doesNotContainKey("Dimensions"));
        // out above twice the workload interval (2 x 300 s), in below one interval
        assertThat(alarms.stream().collect(Collectors.toMap(a -> a.get("ComparisonOperator"), a -> a.get("Threshold"))))
                .isEqualTo(Map.of("GreaterThanOrEqualToThreshold", 600, "LessThanOrEqualToThreshold", 300));

        String targetId = logicalId("AWS::ApplicationAutoScaling::ScalableTarget", "CollectorServiceTaskCountTarget");
        List<Map<String, Object>> policies = resources("AWS::ApplicationAutoScaling::ScalingPolicy").values().stream()
                .map(Synthesized::properties).filter(p -> Map.of("Ref", targetId).equals(p.get("ScalingTargetId"))).toList();
        assertThat(policies).hasSize(2).allSatisfy(p -> assertThat(p).containsEntry("PolicyType", "StepScaling"));
        assertThat(policies.stream().map(FleetTest::adjustments).collect(Collectors.toSet()))
                .isEqualTo(Set.of(List.of(1), List.of(-1)));
        // each alarm drives one of the collector's policies
        Set<Object> policyRefs = resources("AWS::ApplicationAutoScaling::ScalingPolicy").entrySet().stream()
                .filter(e -> Map.of("Ref", targetId).equals(properties(e.getValue()).get("ScalingTargetId")))
                .map(e -> (Object) Map.of("Ref", e.getKey())).collect(Collectors.toSet());
        assertThat(alarms.stream().flatMap(a -> ((List<?>) a.get("AlarmActions")).stream()).collect(Collectors.toSet()))
                .isEqualTo(policyRefs);
    }

    @Test
    void onlyTheTasksThatOpenSessionsCarryTheRedshiftClientGroupWhoseIdIsAnOutput() {
        Object clientGroup = Map.of("Fn::GetAtt", List.of(logicalId("AWS::EC2::SecurityGroup", "FleetRedshiftClients"), "GroupId"));
        Map<String, Boolean> carries = AutopilotStackTest.byName("AWS::ECS::Service", "ServiceName").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> securityGroups(e.getValue()).contains(clientGroup)));
        assertThat(carries).isEqualTo(Map.of("collector-service", true, "maintenance-service", true,
                "analyzer-service", false, "alerting-service", false));
        template().hasOutput("RedshiftClientSecurityGroupId", Map.of("Value", clientGroup));
    }

    @Test
    void theStackAddsNoRuleToASecurityGroupItDoesNotOwn() {
        // every ingress rule it adds is on its own state database; cluster groups are the users' to change
        Object databaseGroup = Map.of("Fn::GetAtt", List.of(logicalId("AWS::EC2::SecurityGroup", "StateDatabaseSecurityGroup"),
                "GroupId"));
        assertThat(resources("AWS::EC2::SecurityGroupIngress").values()).isNotEmpty()
                .allSatisfy(rule -> assertThat(properties(rule).get("GroupId")).isEqualTo(databaseGroup));
        assertThat(resources("AWS::EC2::SecurityGroupEgress").values())
                .allSatisfy(rule -> assertThat(properties(rule).get("GroupId")).isInstanceOf(Map.class));
    }

    @Test
    void serverlessDatabaseUsersAreNamedAfterTheTaskRolesWhichAreOutputs() {
        template().hasOutput("CollectorTaskRoleName",
                Map.of("Value", Map.of("Ref", logicalId("AWS::IAM::Role", "CollectorTaskTaskRole"))));
        template().hasOutput("MaintenanceTaskRoleName",
                Map.of("Value", Map.of("Ref", logicalId("AWS::IAM::Role", "MaintenanceTaskTaskRole"))));
    }

    /** {@code main} with the service's secret, {@code legacy} (no secret) with IAM temporary credentials through the driver. */
    private static void assertListedClusters(String service, String user, String mainSecret) {
        String prefix = "AUTOPILOT_" + service.toUpperCase(java.util.Locale.ROOT) + "_CLUSTERS_";
        assertThat(environment(service + "-service"))
                .containsEntry(prefix + "MAIN_JDBC_URL", "jdbc:redshift://analytics.abc123xyz.eu-west-1.redshift.amazonaws.com:5439/dev")
                .containsEntry(prefix + "MAIN_USER", user)
                .containsEntry(prefix + "MAIN_SECRET_ID", mainSecret)
                .containsEntry(prefix + "LEGACY_JDBC_URL", "jdbc:redshift:iam://legacy.def456uvw.eu-west-1.redshift.amazonaws.com:5440/dev")
                .containsEntry(prefix + "LEGACY_USER", user);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> securityGroups(Map<String, Object> service) {
        Map<String, Object> network = (Map<String, Object>) service.get("NetworkConfiguration");
        return (List<Object>) ((Map<String, Object>) network.get("AwsvpcConfiguration")).get("SecurityGroups");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> adjustments(Map<String, Object> policy) {
        Map<String, Object> step = (Map<String, Object>) policy.get("StepScalingPolicyConfiguration");
        return ((List<Map<String, Object>>) step.get("StepAdjustments")).stream().map(a -> a.get("ScalingAdjustment")).toList();
    }
}
