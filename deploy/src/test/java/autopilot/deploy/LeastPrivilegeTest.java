package autopilot.deploy;

import static autopilot.deploy.Synthesized.properties;
import static autopilot.deploy.Synthesized.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every IAM statement the stack creates, walked one by one: no wildcard actions, no {@code *}
 * resource where a name is known, and each role holding exactly the grants its service's code needs.
 */
class LeastPrivilegeTest {

    /** Actions AWS does not authorise per resource: {@code "Resource": "*"} is the only form they take. */
    private static final Set<String> NO_RESOURCE_LEVEL = Set.of(
            "ecr:GetAuthorizationToken", "cloudwatch:PutMetricData", "cloudwatch:ListDashboards");

    private static final String SECRET = Synthesized.REDSHIFT_SECRET_ARN;
    private static final String REGION_ACCOUNT = Synthesized.REGION + ":" + Synthesized.ACCOUNT;

    @Test
    void noStatementUsesAWildcardAction() {
        List<Statement> statements = allStatements();
        assertThat(statements).isNotEmpty().allSatisfy(s -> {
            assertThat(s.effect()).as(s.toString()).isEqualTo("Allow");
            assertThat(s.actions()).as(s.toString()).allSatisfy(action -> {
                assertThat(action).isNotEqualTo("*");
                assertThat(action).doesNotEndWith(":*");
            });
        });
    }

    @Test
    void starResourcesOnlyForActionsWithoutResourceLevelPermissions() {
        for (Statement s : allStatements()) {
            if (s.resources().contains("*")) {
                assertThat(s.resources()).as(s.toString()).containsExactly("*");
                assertThat(NO_RESOURCE_LEVEL).as(s.toString()).containsAll(s.actions());
            }
            if (s.actions().contains("cloudwatch:PutMetricData")) {
                assertThat(s.condition()).as(s.toString())
                        .isEqualTo(Map.of("StringEquals", Map.of("cloudwatch:namespace", "RedshiftAutopilot")));
            }
        }
    }

    @Test
    void wildcardsInsideArnsOnlyForTheAlertingServicesOwnPrefix() {
        for (Statement s : allStatements()) {
            for (String resource : s.resources()) {
                if (resource.equals("*") || !resource.contains("*")) {
                    continue;
                }
                boolean ownPrefix = resource.endsWith(":alarm:autopilot-alerting-*")
                        || resource.endsWith(":dashboard/autopilot-alerting-*");
                boolean readAllAlarms = resource.endsWith(":alarm:*") && s.actions().equals(List.of("cloudwatch:DescribeAlarms"));
                assertThat(ownPrefix || readAllAlarms).as(s.toString()).isTrue();
            }
        }
    }

    @Test
    void collectorMaySendSnapshotsAndReadTheRedshiftSecretOnly() {
        assertThat(grants("CollectorTaskTaskRoleDefaultPolicy")).containsExactlyInAnyOrder(
                "sqs:SendMessage MessagingSnapshots", "sqs:GetQueueAttributes MessagingSnapshots",
                "sqs:GetQueueUrl MessagingSnapshots",
                "secretsmanager:GetSecretValue " + SECRET, "secretsmanager:DescribeSecret " + SECRET);
    }

    @Test
    void analyzerConsumesSnapshotsPublishesRecommendationsAndSendsMaintenanceWork() {
        assertThat(grants("AnalyzerTaskTaskRoleDefaultPolicy")).containsExactlyInAnyOrder(
                "sqs:ReceiveMessage MessagingSnapshots", "sqs:ChangeMessageVisibility MessagingSnapshots",
                "sqs:DeleteMessage MessagingSnapshots", "sqs:GetQueueUrl MessagingSnapshots",
                "sqs:GetQueueAttributes MessagingSnapshots",
                "sqs:SendMessage MessagingMaintenanceWork", "sqs:GetQueueAttributes MessagingMaintenanceWork",
                "sqs:GetQueueUrl MessagingMaintenanceWork",
                "sns:Publish MessagingRecommendations", "sns:GetTopicAttributes MessagingRecommendations",
                "kms:Decrypt MessagingTopicKey", "kms:GenerateDataKey* MessagingTopicKey");
    }

    @Test
    void maintenanceConsumesWorkPublishesOutcomesAndReadsTheSecret() {
        assertThat(grants("MaintenanceTaskTaskRoleDefaultPolicy")).containsExactlyInAnyOrder(
                "sqs:ReceiveMessage MessagingMaintenanceWork", "sqs:ChangeMessageVisibility MessagingMaintenanceWork",
                "sqs:DeleteMessage MessagingMaintenanceWork", "sqs:GetQueueUrl MessagingMaintenanceWork",
                "sqs:GetQueueAttributes MessagingMaintenanceWork",
                "sns:Publish MessagingRecommendations", "sns:GetTopicAttributes MessagingRecommendations",
                "kms:Decrypt MessagingTopicKey", "kms:GenerateDataKey* MessagingTopicKey",
                "secretsmanager:GetSecretValue " + SECRET, "secretsmanager:DescribeSecret " + SECRET);
    }

    @Test
    void alertingConsumesItsInboxPagesAndOwnsOnlyItsPrefixedAlarmsAndDashboards() {
        String alarms = "arn:${AWS::Partition}:cloudwatch:" + REGION_ACCOUNT + ":alarm:";
        String dashboards = "arn:${AWS::Partition}:cloudwatch::" + Synthesized.ACCOUNT + ":dashboard/";
        assertThat(grants("AlertingTaskTaskRoleDefaultPolicy")).containsExactlyInAnyOrder(
                "sqs:ReceiveMessage MessagingAlertingInbox", "sqs:ChangeMessageVisibility MessagingAlertingInbox",
                "sqs:DeleteMessage MessagingAlertingInbox", "sqs:GetQueueUrl MessagingAlertingInbox",
                "sqs:GetQueueAttributes MessagingAlertingInbox",
                "sns:Publish MessagingPages", "sns:GetTopicAttributes MessagingPages",
                "kms:Decrypt MessagingTopicKey", "kms:GenerateDataKey* MessagingTopicKey",
                "cloudwatch:PutMetricData *",
                "cloudwatch:PutMetricAlarm " + alarms + "autopilot-alerting-*",
                "cloudwatch:DeleteAlarms " + alarms + "autopilot-alerting-*",
                "cloudwatch:TagResource " + alarms + "autopilot-alerting-*",
                "cloudwatch:ListTagsForResource " + alarms + "autopilot-alerting-*",
                "cloudwatch:DescribeAlarms " + alarms + "*",
                "cloudwatch:PutDashboard " + dashboards + "autopilot-alerting-*",
                "cloudwatch:GetDashboard " + dashboards + "autopilot-alerting-*",
                "cloudwatch:DeleteDashboards " + dashboards + "autopilot-alerting-*",
                "cloudwatch:ListDashboards *");
    }

    @Test
    void executionRolesPullTheirOwnImageWriteTheirOwnLogsAndReadOnlyTheDatabaseSecret() {
        for (String service : List.of("Collector", "Analyzer", "Maintenance", "Alerting")) {
            String repository = "arn:${AWS::Partition}:ecr:" + REGION_ACCOUNT + ":repository/redshift-autopilot/"
                    + service.toLowerCase() + "-service";
            Set<String> expected = new TreeSet<>(Set.of(
                    "ecr:BatchCheckLayerAvailability " + repository, "ecr:GetDownloadUrlForLayer " + repository,
                    "ecr:BatchGetImage " + repository, "ecr:GetAuthorizationToken *",
                    "logs:CreateLogStream " + service + "Logs", "logs:PutLogEvents " + service + "Logs"));
            // every service keeps its state (and maintenance its outcome outbox) in PostgreSQL
            expected.add("secretsmanager:GetSecretValue StateDatabaseInstanceSecretAttachment");
            expected.add("secretsmanager:DescribeSecret StateDatabaseInstanceSecretAttachment");
            assertThat(grants(service + "TaskExecutionRoleDefaultPolicy")).as(service).isEqualTo(expected);
        }
    }

    @Test
    void everyPolicyBelongsToARoleWeChecked() {
        assertThat(resources("AWS::IAM::Policy").keySet().stream().map(id -> id.replaceAll("[0-9A-F]{8}$", "")))
                .containsExactlyInAnyOrder(
                        "CollectorTaskTaskRoleDefaultPolicy", "CollectorTaskExecutionRoleDefaultPolicy",
                        "AnalyzerTaskTaskRoleDefaultPolicy", "AnalyzerTaskExecutionRoleDefaultPolicy",
                        "MaintenanceTaskTaskRoleDefaultPolicy", "MaintenanceTaskExecutionRoleDefaultPolicy",
                        "AlertingTaskTaskRoleDefaultPolicy", "AlertingTaskExecutionRoleDefaultPolicy");
        assertThat(resources("AWS::IAM::ManagedPolicy")).isEmpty();
        resources("AWS::IAM::Role").forEach((id, role) ->
                assertThat(properties(role)).as(id).doesNotContainKeys("Policies", "ManagedPolicyArns"));
    }

    // --- walking the template ---

    /** One IAM statement with its resources rendered as strings (see {@link #render}). */
    record Statement(String policy, String effect, List<String> actions, List<String> resources, Object condition) {
    }

    private static List<Statement> allStatements() {
        List<Statement> all = new ArrayList<>();
        resources("AWS::IAM::Policy").forEach((id, policy) -> all.addAll(statements(id, properties(policy))));
        return all;
    }

    @SuppressWarnings("unchecked")
    private static List<Statement> statements(String policyId, Map<String, Object> policy) {
        Map<String, Object> document = (Map<String, Object>) policy.get("PolicyDocument");
        return ((List<Map<String, Object>>) document.get("Statement")).stream().map(s -> new Statement(policyId,
                (String) s.get("Effect"), asList(s.get("Action")).stream().map(Object::toString).toList(),
                asList(s.get("Resource")).stream().map(LeastPrivilegeTest::render).toList(), s.get("Condition"))).toList();
    }

    /** "action resource" for every pair a policy (found by logical id prefix) grants. */
    private static Set<String> grants(String policyIdPrefix) {
        List<String> ids = resources("AWS::IAM::Policy").keySet().stream().filter(id -> id.startsWith(policyIdPrefix)).toList();
        assertThat(ids).as(policyIdPrefix).hasSize(1);
        return statements(ids.get(0), properties(resources("AWS::IAM::Policy").get(ids.get(0)))).stream()
                .flatMap(s -> s.actions().stream().flatMap(a -> s.resources().stream().map(r -> a + " " + r)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

    /**
     * A resource as a readable string: plain strings as they are, references as the construct name
     * of the referenced resource (logical id without its hash), joins concatenated, pseudo
     * parameters as {@code ${AWS::Partition}}.
     */
    @SuppressWarnings("unchecked")
    static String render(Object value) {
        if (value instanceof String s) {
            return s;
        }
        Map<String, Object> intrinsic = (Map<String, Object>) value;
        if (intrinsic.containsKey("Ref")) {
            String ref = (String) intrinsic.get("Ref");
            return ref.startsWith("AWS::") ? "${" + ref + "}" : stripHash(ref);
        }
        if (intrinsic.containsKey("Fn::GetAtt")) {
            return stripHash((String) ((List<Object>) intrinsic.get("Fn::GetAtt")).get(0));
        }
        if (intrinsic.containsKey("Fn::Join")) {
            List<Object> join = (List<Object>) intrinsic.get("Fn::Join");
            return ((List<Object>) join.get(1)).stream().map(LeastPrivilegeTest::render)
                    .collect(Collectors.joining((String) join.get(0)));
        }
        throw new AssertionError("unexpected intrinsic in a policy resource: " + value);
    }

    private static String stripHash(String logicalId) {
        return logicalId.replaceAll("[0-9A-F]{8}$", "");
    }
}
