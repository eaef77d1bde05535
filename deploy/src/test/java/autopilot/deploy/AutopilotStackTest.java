package autopilot.deploy;

import static autopilot.deploy.Synthesized.logicalId;
import static autopilot.deploy.Synthesized.properties;
import static autopilot.deploy.Synthesized.resources;
import static autopilot.deploy.Synthesized.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** What the synthesized stack contains and how its parts are configured. */
class AutopilotStackTest {

    @Test
    void synthesizesWithoutWarningsOrErrors() {
        template();
        Annotations annotations = Annotations.fromStack(Synthesized.stack());
        annotations.hasNoError("*", Match.anyValue());
        annotations.hasNoWarning("*", Match.anyValue());
    }

    @Test
    void queuesCarryTheServicesDefaultNamesWithRedriveToTheirDlq() {
        Map<String, Map<String, Object>> queues = byName("AWS::SQS::Queue", "QueueName");
        assertThat(queues).containsOnlyKeys("autopilot-snapshots", "autopilot-snapshots-dlq",
                "autopilot-alerting-inbox", "autopilot-alerting-inbox-dlq",
                "autopilot-maintenance-work.fifo", "autopilot-maintenance-work-dlq.fifo");
        assertRedrive(queues, "autopilot-snapshots", "autopilot-snapshots-dlq");
        assertRedrive(queues, "autopilot-alerting-inbox", "autopilot-alerting-inbox-dlq");
        assertRedrive(queues, "autopilot-maintenance-work.fifo", "autopilot-maintenance-work-dlq.fifo");
        assertThat(queues.get("autopilot-snapshots")).containsEntry("VisibilityTimeout", 30);
        assertThat(queues.get("autopilot-snapshots-dlq")).containsEntry("MessageRetentionPeriod", 14 * 24 * 3600);
    }

    @Test
    void maintenanceQueueAndItsDlqAreFifoTheOthersStandard() {
        Map<String, Map<String, Object>> queues = byName("AWS::SQS::Queue", "QueueName");
        queues.forEach((name, props) -> {
            if (name.endsWith(".fifo")) {
                assertThat(props).as(name).containsEntry("FifoQueue", true);
            } else {
                assertThat(props).as(name).doesNotContainKey("FifoQueue");
            }
        });
        // a FIFO queue may only redrive to a FIFO DLQ; checked above by name, here by kind
        assertThat(queues.keySet().stream().filter(n -> n.endsWith(".fifo"))).hasSize(2);
    }

    @Test
    void everyQueueAndTopicIsEncryptedAtRest() {
        resources("AWS::SQS::Queue").forEach((id, queue) ->
                assertThat(properties(queue)).as(id).containsEntry("SqsManagedSseEnabled", true));
        String key = logicalId("AWS::KMS::Key", "MessagingTopicKey");
        Map<String, Map<String, Object>> topics = byName("AWS::SNS::Topic", "TopicName");
        assertThat(topics).containsOnlyKeys("autopilot-recommendations", "autopilot-pages");
        topics.forEach((name, topic) ->
                assertThat(topic.get("KmsMasterKeyId")).as(name).isEqualTo(Map.of("Fn::GetAtt", List.of(key, "Arn"))));
        template().hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void cloudWatchAlarmsMayPublishToTheEncryptedPagesTopic() {
        template().hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Synthesized.ACCOUNT)))))))));
    }

    @Test
    void alertingInboxIsSubscribedRawToRecommendations() {
        Map<String, Map<String, Object>> subscriptions = resources("AWS::SNS::Subscription");
        assertThat(subscriptions).hasSize(1);
        Map<String, Object> subscription = properties(subscriptions.values().iterator().next());
        assertThat(subscription).containsEntry("Protocol", "sqs").containsEntry("RawMessageDelivery", true)
                .containsEntry("TopicArn", Map.of("Ref", logicalId("AWS::SNS::Topic", "MessagingRecommendations")))
                .containsEntry("Endpoint", Map.of("Fn::GetAtt", List.of(queueId("autopilot-alerting-inbox"), "Arn")));
        // the queue policy lets only the recommendations topic send to the inbox
        template().hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Match.objectLike(Map.of("Action", "sqs:SendMessage", "Principal", Map.of("Service", "sns.amazonaws.com"),
                        "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn",
                                Map.of("Ref", logicalId("AWS::SNS::Topic", "MessagingRecommendations"))))))))));
    }

    @Test
    void fourFargateServicesWithHealthChecksOnTheirLivenessEndpoint() {
        Map<String, Map<String, Object>> services = byName("AWS::ECS::Service", "ServiceName");
        assertThat(services).containsOnlyKeys("collector-service", "analyzer-service", "maintenance-service",
                "alerting-service");
        services.values().forEach(s -> assertThat(s).containsEntry("LaunchType", "FARGATE"));
        Map<String, Integer> ports = Map.of("collector-service", 8081, "analyzer-service", 8082,
                "maintenance-service", 8083, "alerting-service", 8084);
        ports.forEach((name, port) -> {
            Map<String, Object> container = container(name);
            assertThat(container.get("HealthCheck")).as(name).isEqualTo(Map.of(
                    "Command", List.of("CMD-SHELL", "curl -fsS http://localhost:" + port + "/q/health/live || exit 1"),
                    "Interval", 30, "Retries", 3, "StartPeriod", 90, "Timeout", 5));
            assertThat(container.get("PortMappings")).as(name).isEqualTo(List.of(Map.of("ContainerPort", port, "Protocol", "tcp")));
        });
    }

    @Test
    void taskSizesAreTheMeasuredOnes() {
        Map<String, String> sizes = resources("AWS::ECS::TaskDefinition").values().stream().map(Synthesized::properties)
                .collect(Collectors.toMap(p -> (String) p.get("Family"), p -> p.get("Cpu") + "/" + p.get("Memory")));
        assertThat(sizes).isEqualTo(Map.of(
                "redshift-autopilot-collector-service", "512/1024",
                "redshift-autopilot-analyzer-service", "512/1024",
                "redshift-autopilot-maintenance-service", "256/512",
                "redshift-autopilot-alerting-service", "256/512"));
    }

    @Test
    void imagesComeFromEcrByRepositoryAndTag() {
        assertThat(container("collector-service").get("Image")).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
                "123456789012.dkr.ecr.eu-west-1.", Map.of("Ref", "AWS::URLSuffix"),
                "/redshift-autopilot/collector-service:latest"))));
    }

    @Test
    void everyServiceLogsToItsOwnGroupWithRetention() {
        Map<String, Map<String, Object>> groups = byName("AWS::Logs::LogGroup", "LogGroupName");
        assertThat(groups).containsOnlyKeys("/redshift-autopilot/collector-service", "/redshift-autopilot/analyzer-service",
                "/redshift-autopilot/maintenance-service", "/redshift-autopilot/alerting-service");
        groups.values().forEach(g -> assertThat(g).containsEntry("RetentionInDays", 30));
        @SuppressWarnings("unchecked")
        Map<String, Object> logging = (Map<String, Object>) container("analyzer-service").get("LogConfiguration");
        assertThat(logging).containsEntry("LogDriver", "awslogs");
    }

    @Test
    void environmentVariablesAreTheServicesConfigKeys() {
        assertThat(environment("collector-service")).containsOnlyKeys(with(FleetTest.DISCOVERY_WITH_USER,
                "AUTOPILOT_AWS_REGION", "AUTOPILOT_COLLECTOR_SNAPSHOTS_QUEUE", "QUARKUS_DATASOURCE_JDBC_URL",
                "AUTOPILOT_COLLECTOR_CLUSTERS_MAIN_JDBC_URL", "AUTOPILOT_COLLECTOR_CLUSTERS_MAIN_USER",
                "AUTOPILOT_COLLECTOR_CLUSTERS_MAIN_SECRET_ID",
                "AUTOPILOT_COLLECTOR_CLUSTERS_LEGACY_JDBC_URL", "AUTOPILOT_COLLECTOR_CLUSTERS_LEGACY_USER"));
        assertThat(environment("collector-service"))
                .containsEntry("AUTOPILOT_AWS_REGION", Synthesized.REGION)
                .containsEntry("AUTOPILOT_COLLECTOR_SNAPSHOTS_QUEUE", "autopilot-snapshots");
        assertThat(environment("analyzer-service"))
                .containsOnlyKeys("AUTOPILOT_AWS_REGION", "AUTOPILOT_ANALYZER_SNAPSHOTS_QUEUE",
                        "AUTOPILOT_ANALYZER_RECOMMENDATIONS_TOPIC_ARN", "AUTOPILOT_ANALYZER_MAINTENANCE_QUEUE",
                        "QUARKUS_DATASOURCE_JDBC_URL")
                .containsEntry("AUTOPILOT_ANALYZER_MAINTENANCE_QUEUE", "autopilot-maintenance-work.fifo")
                .containsEntry("AUTOPILOT_ANALYZER_RECOMMENDATIONS_TOPIC_ARN",
                        Map.of("Ref", logicalId("AWS::SNS::Topic", "MessagingRecommendations")));
        assertThat(environment("maintenance-service"))
                .containsOnlyKeys(with(FleetTest.DISCOVERY_WITH_USER,
                        "AUTOPILOT_AWS_REGION", "AUTOPILOT_MAINTENANCE_WORK_QUEUE",
                        "AUTOPILOT_MAINTENANCE_RECOMMENDATIONS_TOPIC_ARN", "QUARKUS_DATASOURCE_JDBC_URL",
                        "AUTOPILOT_MAINTENANCE_CLUSTERS_MAIN_JDBC_URL", "AUTOPILOT_MAINTENANCE_CLUSTERS_MAIN_USER",
                        "AUTOPILOT_MAINTENANCE_CLUSTERS_MAIN_SECRET_ID",
                        "AUTOPILOT_MAINTENANCE_CLUSTERS_LEGACY_JDBC_URL", "AUTOPILOT_MAINTENANCE_CLUSTERS_LEGACY_USER"))
                .containsEntry("AUTOPILOT_MAINTENANCE_WORK_QUEUE", "autopilot-maintenance-work.fifo");
        assertThat(environment("alerting-service"))
                .containsOnlyKeys(with(FleetTest.DISCOVERY,
                        "AUTOPILOT_AWS_REGION", "AUTOPILOT_ALERTING_INBOX_QUEUE",
                        "AUTOPILOT_ALERTING_PAGES_TOPIC_ARN", "AUTOPILOT_ALERTING_METRICS_NAMESPACE",
                        "AUTOPILOT_ALERTING_ALARMS_NAME_PREFIX", "AUTOPILOT_ALERTING_CLUSTERS_MAIN_NODE_TYPE",
                        "QUARKUS_DATASOURCE_JDBC_URL"))
                .containsEntry("AUTOPILOT_ALERTING_INBOX_QUEUE", "autopilot-alerting-inbox")
                .containsEntry("AUTOPILOT_ALERTING_METRICS_NAMESPACE", "RedshiftAutopilot")
                .containsEntry("AUTOPILOT_ALERTING_PAGES_TOPIC_ARN", Map.of("Ref", logicalId("AWS::SNS::Topic", "MessagingPages")));
    }

    private static String[] with(List<String> more, String... names) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(names), more.stream()).toArray(String[]::new);
    }

    @Test
    void stateDatabaseIsPrivateEncryptedPostgresWithAGeneratedSecret() {
        template().hasResourceProperties("AWS::RDS::DBInstance", Match.objectLike(Map.of(
                "Engine", "postgres", "DBName", "autopilot", "StorageEncrypted", true, "PubliclyAccessible", false,
                "DeletionProtection", true, "DBInstanceClass", "db.t4g.micro")));
        template().hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                "GenerateSecretString", Match.objectLike(Map.of("SecretStringTemplate", "{\"username\":\"autopilot\"}",
                        "GenerateStringKey", "password")))));
    }

    @Test
    void stateDatabaseIsReachableOnlyFromTheServicesThatKeepState() {
        String databaseGroup = logicalId("AWS::EC2::SecurityGroup", "StateDatabaseSecurityGroup");
        assertThat(ingressSources(Map.of("Fn::GetAtt", List.of(databaseGroup, "GroupId"))))
                .containsExactlyInAnyOrder("CollectorSecurityGroup", "AnalyzerSecurityGroup", "MaintenanceSecurityGroup",
                        "AlertingSecurityGroup");
    }

    @Test
    void tasksHaveNoOpenEgressBeyondHttpsTheirPeersAndTheRedshiftPorts() {
        resources("AWS::EC2::SecurityGroup").forEach((id, group) -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> egress = (List<Map<String, Object>>) properties(group).get("SecurityGroupEgress");
            assertThat(egress).as(id).allSatisfy(rule -> {
                if ("0.0.0.0/0".equals(rule.get("CidrIp"))) {
                    // only the Redshift client group reaches clusters, on the Redshift ports (the default
                    // and the listed cluster on 5440); each cluster's own group decides who gets in
                    List<Integer> ports = id.startsWith("FleetRedshiftClients") ? List.of(5439, 5440) : List.of(443);
                    assertThat(ports).as(id).contains((Integer) rule.get("FromPort"));
                    assertThat(rule.get("ToPort")).isEqualTo(rule.get("FromPort"));
                }
            });
        });
    }

    @Test
    void everyDeadLetterQueueAlarmsToThePagesTopic() {
        String pages = logicalId("AWS::SNS::Topic", "MessagingPages");
        Map<String, Map<String, Object>> alarms = byName("AWS::CloudWatch::Alarm", "AlarmName");
        for (String dlq : List.of("snapshots-dlq", "alerting-inbox-dlq", "maintenance-work-dlq.fifo")) {
            Map<String, Object> alarm = alarms.get("autopilot-infra-" + dlq + "-not-empty");
            assertThat(alarm).as(dlq).isNotNull()
                    .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                    .containsEntry("Namespace", "AWS/SQS")
                    .containsEntry("Threshold", 1)
                    .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                    .containsEntry("AlarmActions", List.of(Map.of("Ref", pages)));
        }
    }

    @Test
    void everyServiceAlarmsWhenNoTaskRuns() {
        Map<String, Map<String, Object>> alarms = byName("AWS::CloudWatch::Alarm", "AlarmName");
        for (String service : List.of("collector-service", "analyzer-service", "maintenance-service", "alerting-service")) {
            assertThat(alarms.get("autopilot-infra-" + service + "-no-running-task")).as(service).isNotNull()
                    .containsEntry("Namespace", "ECS/ContainerInsights")
                    .containsEntry("MetricName", "RunningTaskCount")
                    .containsEntry("ComparisonOperator", "LessThanThreshold")
                    .containsEntry("TreatMissingData", "breaching");
        }
        template().hasResourceProperties("AWS::ECS::Cluster", Match.objectLike(Map.of(
                "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled")))));
    }

    @Test
    void analyzerAndMaintenanceScaleOnTheirQueueBacklog() {
        Map<String, Map<String, Object>> targets = resources("AWS::ApplicationAutoScaling::ScalableTarget");
        assertThat(targets).hasSize(3); // and the collector, on collection lag (FleetTest)
        Map<String, Integer> maxByService = targets.values().stream().map(Synthesized::properties).collect(Collectors.toMap(
                p -> p.get("ResourceId").toString().replaceAll(".*(Analyzer|Maintenance|Collector).*", "$1"),
                p -> (Integer) p.get("MaxCapacity")));
        assertThat(maxByService).isEqualTo(Map.of("Analyzer", 4, "Maintenance", 2, "Collector", 4));
        // step scaling is driven by alarms on the queues' visible messages
        List<String> scaledQueues = resources("AWS::CloudWatch::Alarm").values().stream().map(Synthesized::properties)
                .filter(p -> !p.containsKey("AlarmName") && "AWS/SQS".equals(p.get("Namespace")))
                .map(p -> dimensionValue(p, "QueueName")).distinct().toList();
        assertThat(scaledQueues).containsExactlyInAnyOrder(
                Map.of("Fn::GetAtt", List.of(queueId("autopilot-snapshots"), "QueueName")).toString(),
                Map.of("Fn::GetAtt", List.of(queueId("autopilot-maintenance-work.fifo"), "QueueName")).toString());
    }

    // --- helpers reading the template ---

    private static void assertRedrive(Map<String, Map<String, Object>> queues, String queue, String dlq) {
        assertThat(queues.get(queue).get("RedrivePolicy")).as(queue).isEqualTo(Map.of(
                "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(queueId(dlq), "Arn")), "maxReceiveCount", 5));
    }

    /** Logical id of the queue with this AWS name. */
    static String queueId(String queueName) {
        return resources("AWS::SQS::Queue").entrySet().stream()
                .filter(e -> queueName.equals(properties(e.getValue()).get("QueueName"))).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no queue named " + queueName));
    }

    /** Properties of every resource of a type, keyed by a plain-string property (its AWS name). */
    static Map<String, Map<String, Object>> byName(String type, String nameProperty) {
        return resources(type).values().stream().map(Synthesized::properties).filter(p -> p.get(nameProperty) instanceof String)
                .collect(Collectors.toMap(p -> (String) p.get(nameProperty), p -> p));
    }

    static Map<String, Object> container(String service) {
        return container(template(), service);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> container(Template template, String service) {
        Map<String, Object> task = properties(template.findResources("AWS::ECS::TaskDefinition").values().stream()
                .map(t -> (Map<String, Object>) t)
                .filter(t -> ("redshift-autopilot-" + service).equals(properties(t).get("Family"))).findFirst().orElseThrow());
        List<Map<String, Object>> containers = (List<Map<String, Object>>) task.get("ContainerDefinitions");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    static Map<String, Object> environment(String service) {
        return environment(template(), service);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Template template, String service) {
        return ((List<Map<String, Object>>) container(template, service).get("Environment")).stream()
                .collect(Collectors.toMap(e -> (String) e.get("Name"), e -> e.get("Value")));
    }

    /** Construct names (logical id without hash) of the security groups allowed into a group. */
    @SuppressWarnings("unchecked")
    private static List<String> ingressSources(Object groupId) {
        return resources("AWS::EC2::SecurityGroupIngress").values().stream().map(Synthesized::properties)
                .filter(p -> groupId.equals(p.get("GroupId")))
                .map(p -> ((List<String>) ((Map<String, Object>) p.get("SourceSecurityGroupId")).get("Fn::GetAtt")).get(0))
                .map(id -> id.replaceAll("[0-9A-F]{8}$", ""))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static String dimensionValue(Map<String, Object> alarm, String dimension) {
        return ((List<Map<String, Object>>) alarm.get("Dimensions")).stream().filter(d -> dimension.equals(d.get("Name")))
                .map(d -> d.get("Value").toString()).findFirst().orElse("none");
    }
}
