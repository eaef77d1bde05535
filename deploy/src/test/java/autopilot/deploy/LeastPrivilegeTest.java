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
import software.amazon.awscdk.assertions.Template;

/**
 * Every IAM statement the stack creates, walked one by one: no wildcard actions, no {@code *}
 * resource where a name is known, and each role holding exactly the grants its service's code needs
 * (discovery for collector, maintenance and alerting; database credentials for collector and
 * maintenance, each for its own user; nothing of either for the analyzer).
 */
class LeastPrivilegeTest {

    /** Actions AWS does not authorise per resource: {@code "Resource": "*"} is the only form they take. */
    private static final Set<String> NO_RESOURCE_LEVEL = Set.of(
            "ecr:GetAuthorizationToken", "cloudwatch:PutMetricData", "cloudwatch:ListDashboards",
            "redshift:DescribeClusters", "redshift-serverless:ListWorkgroups");

    private static final String REGION_ACCOUNT = Synthesized.REGION + ":" + Synthesized.ACCOUNT;
    private static final String REDSHIFT = "arn:${AWS::Partition}:redshift:" + REGION_ACCOUNT + ":";
    private static final String WORKGROUPS = "arn:${AWS::Partition}:redshift-serverless:" + REGION_ACCOUNT + ":workgroup/*";
    private static final String PREFIXED_SECRETS = "arn:${AWS::Partition}:secretsmanager:" + REGION_ACCOUNT + ":secret:autopilot/*";
    /** Discovery's calls: the same for every service that runs it (collector, maintenance, alerting). */
    private static final List<String> DISCOVERY = List.of(
            "redshift:DescribeClusters *", "redshift-serverless:ListWorkgroups *",
            "redshift-serverless:GetWorkgroup " + WORKGROUPS, "redshift-serverless:ListTagsForResource " + WORKGROUPS);
    private static final Set<String> REDSHIFT_ACTIONS = Set.of("redshift:DescribeClusters", "redshift:GetClusterCredentials",
            "redshift-serverless:ListWorkgroups", "redshift-serverless:GetWorkgroup", "redshift-serverless:ListTagsForResource",
            "redshift-serverless:GetCredentials");

    /** Credentials of one database user: IAM (provisioned, tagged workgroups) and the secrets it may read. */
    private static List<String> credentials(String dbUser, String... listedSecrets) {
        List<String> grants = new ArrayList<>(List.of(
                "redshift:GetClusterCredentials " + REDSHIFT + "dbuser:*/" + dbUser,
                "redshift:GetClusterCredentials " + REDSHIFT + "dbname:*/*",
                "redshift-serverless:GetCredentials " + WORKGROUPS,
                "secretsmanager:GetSecretValue " + PREFIXED_SECRETS));
        for (String secret : listedSecrets) {
            grants.add("secretsmanager:GetSecretValue " + secret);
        }
        return grants;
    }

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
    void wildcardsInsideArnsOnlyWhereNoNameCanBeKnown() {
        for (Statement s : allStatements()) {
            for (String resource : s.resources()) {
                if (resource.equals("*") || !resource.contains("*")) {
                    continue;
                }
                boolean ownPrefix = resource.endsWith(":alarm:autopilot-alerting-*")
                        || resource.endsWith(":dashboard/autopilot-alerting-*");
                boolean readAllAlarms = resource.endsWith(":alarm:*") && s.actions().equals(List.of("cloudwatch:DescribeAlarms"));
                // any cluster, but only the service's own database user (any database of it)
                boolean ownDbUser = resource.matches(".*:dbuser:\\*/autopilot_(monitor|maintenance)|.*:dbname:\\*/\\*")
                        && s.actions().equals(List.of("redshift:GetClusterCredentials"));
                // workgroup ARNs carry an id, not the name: discovery reads them all, credentials need the tag
                boolean workgroups = resource.equals(WORKGROUPS) && (s.actions().equals(List.of(
                        "redshift-serverless:GetWorkgroup", "redshift-serverless:ListTagsForResource"))
                        || s.actions().equals(List.of("redshift-serverless:GetCredentials")) && s.condition() != null);
                boolean prefixedSecrets = resource.equals(PREFIXED_SECRETS)
                        && s.actions().equals(List.of("secretsmanager:GetSecretValue"));
                assertThat(ownPrefix || readAllAlarms || ownDbUser || workgroups || prefixedSecrets).as(s.toString()).isTrue();
            }
        }
    }

    @Test
    void workgroupCredentialsOnlyForWorkgroupsCarryingTheDiscoveryTag() {
        List<Statement> credentials = allStatements().stream()
                .filter(s -> s.actions().contains("redshift-serverless:GetCredentials")).toList();
        assertThat(credentials).extracting(s -> s.policy().replaceAll("[0-9A-F]{8}$", "")).containsExactlyInAnyOrder(
                "CollectorTaskTaskRoleDefaultPolicy", "MaintenanceTaskTaskRoleDefaultPolicy");
        assertThat(credentials).allSatisfy(s -> {
            assertThat(s.actions()).containsExactly("redshift-serverless:GetCredentials");
            assertThat(s.resources()).containsExactly(WORKGROUPS);
            assertThat(s.condition()).isEqualTo(Map.of("StringEquals", Map.of("aws:ResourceTag/autopilot:monitor", "true")));
        });
    }

    @Test
    void collectorSendsSnapshotsDiscoversAndGetsTheMonitoringUsersCredentialsOnly() {
        List<String> expected = new ArrayList<>(List.of(
                "sqs:SendMessage MessagingSnapshots", "sqs:GetQueueAttributes MessagingSnapshots",
                "sqs:GetQueueUrl MessagingSnapshots"));
        expected.addAll(DISCOVERY);
        expected.addAll(credentials("autopilot_monitor", Synthesized.REDSHIFT_SECRET_ARN));
        assertThat(grants("CollectorTaskTaskRoleDefaultPolicy")).containsExactlyInAnyOrderElementsOf(expected);
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
    void maintenanceConsumesWorkPublishesOutcomesDiscoversAndGetsTheMaintenanceUsersCredentialsOnly() {
        List<String> expected = new ArrayList<>(List.of(
                "sqs:ReceiveMessage MessagingMaintenanceWork", "sqs:ChangeMessageVisibility MessagingMaintenanceWork",
                "sqs:DeleteMessage MessagingMaintenanceWork", "sqs:GetQueueUrl MessagingMaintenanceWork",
                "sqs:GetQueueAttributes MessagingMaintenanceWork",
                "sns:Publish MessagingRecommendations", "sns:GetTopicAttributes MessagingRecommendations",
                "kms:Decrypt MessagingTopicKey", "kms:GenerateDataKey* MessagingTopicKey"));
        expected.addAll(DISCOVERY);
        expected.addAll(credentials("autopilot_maintenance", Synthesized.MAINTENANCE_SECRET_ARN));
        assertThat(grants("MaintenanceTaskTaskRoleDefaultPolicy")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void analyzerNeitherDiscoversNorReachesClustersOrTheirSecrets() {
        assertThat(grants("AnalyzerTaskTaskRoleDefaultPolicy"))
                .noneMatch(grant -> grant.startsWith("redshift") || grant.startsWith("secretsmanager:"));
    }

    @Test
    void credentialsOnlyForWhatIsDeployed() {
        // discovery off, every listed cluster with a secret: no Redshift call at all, only the secrets
        Map<String, Object> context = Synthesized.requiredContext();
        context.put("discoveryProvisioned", "false");
        context.put("discoveryServerless", "false");
        context.put("clusters", List.of(Map.of("id", "main",
                "endpoint", "analytics.abc123xyz.eu-west-1.redshift.amazonaws.com", "secretArn", Synthesized.REDSHIFT_SECRET_ARN)));
        Template secretsOnly = Template.fromStack(Synthesized.synthesize(context));
        assertThat(grants(secretsOnly, "CollectorTaskTaskRoleDefaultPolicy")).containsExactlyInAnyOrder(
                "sqs:SendMessage MessagingSnapshots", "sqs:GetQueueAttributes MessagingSnapshots",
                "sqs:GetQueueUrl MessagingSnapshots",
                "secretsmanager:GetSecretValue " + PREFIXED_SECRETS, "secretsmanager:GetSecretValue " + Synthesized.REDSHIFT_SECRET_ARN);
        assertThat(allStatements(secretsOnly)).allSatisfy(s -> assertThat(s.actions()).doesNotContainAnyElementsOf(REDSHIFT_ACTIONS));

        // Serverless only: no provisioned call
        Map<String, Object> serverless = Synthesized.requiredContext();
        serverless.put("discoveryProvisioned", "false");
        Template serverlessOnly = Template.fromStack(Synthesized.synthesize(serverless));
        assertThat(allStatements(serverlessOnly)).allSatisfy(s -> assertThat(s.actions())
                .doesNotContain("redshift:DescribeClusters", "redshift:GetClusterCredentials"));
        assertThat(grants(serverlessOnly, "AlertingTaskTaskRoleDefaultPolicy")).contains(
                "redshift-serverless:ListWorkgroups *", "redshift-serverless:GetWorkgroup " + WORKGROUPS);
    }

    @Test
    void alertingConsumesItsInboxPagesDiscoversAndOwnsOnlyItsPrefixedAlarmsAndDashboards() {
        String alarms = "arn:${AWS::Partition}:cloudwatch:" + REGION_ACCOUNT + ":alarm:";
        String dashboards = "arn:${AWS::Partition}:cloudwatch::" + Synthesized.ACCOUNT + ":dashboard/";
        List<String> expected = new ArrayList<>(List.of(
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
                "cloudwatch:ListDashboards *"));
        expected.addAll(DISCOVERY); // and no database credentials: alerting opens no session
        assertThat(grants("AlertingTaskTaskRoleDefaultPolicy")).containsExactlyInAnyOrderElementsOf(expected);
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
        return allStatements(Synthesized.template());
    }

    private static List<Statement> allStatements(Template template) {
        List<Statement> all = new ArrayList<>();
        policies(template).forEach((id, policy) -> all.addAll(statements(id, properties(policy))));
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> policies(Template template) {
        return (Map<String, Map<String, Object>>) (Map<?, ?>) template.findResources("AWS::IAM::Policy");
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
        return grants(Synthesized.template(), policyIdPrefix);
    }

    private static Set<String> grants(Template template, String policyIdPrefix) {
        Map<String, Map<String, Object>> policies = policies(template);
        List<String> ids = policies.keySet().stream().filter(id -> id.startsWith(policyIdPrefix)).toList();
        assertThat(ids).as(policyIdPrefix).hasSize(1);
        return statements(ids.get(0), properties(policies.get(ids.get(0)))).stream()
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
