package autopilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Parameter validation: defaults, and errors that name the context key and say what was expected. */
class DeploySettingsTest {

    private static DeploySettings read(Map<String, Object> context) {
        return DeploySettings.fromContext(context::get);
    }

    private static List<String> problems(Map<String, Object> context) {
        try {
            read(context);
        } catch (InvalidDeploySettingsException e) {
            assertThat(e.getMessage()).contains(e.problems());
            return e.problems();
        }
        throw new AssertionError("expected the parameters to be rejected: " + context);
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> context = Synthesized.requiredContext();
        context.put(key, value);
        return context;
    }

    @Test
    void requiredParametersAloneGiveTheDocumentedDefaults() {
        DeploySettings settings = read(Synthesized.requiredContext());
        assertThat(settings.subnetIds()).containsExactly("subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2");
        assertThat(settings.discovery()).isEqualTo(new DeploySettings.Discovery(true, true, "autopilot:monitor", "true",
                Duration.ofMinutes(5)));
        assertThat(settings.clusters()).isEmpty();
        assertThat(settings.redshiftPorts()).containsExactly(5439);
        assertThat(settings.redshiftDatabase()).isEqualTo("dev");
        assertThat(settings.redshiftUser()).isEqualTo("autopilot_monitor");
        assertThat(settings.maintenanceUser()).isEqualTo("autopilot_monitor");
        assertThat(settings.clusterSecretPrefix()).isEqualTo("autopilot/");
        assertThat(settings.imageRepositoryPrefix()).isEqualTo("redshift-autopilot/");
        assertThat(settings.imageTag()).isEqualTo("latest");
        assertThat(settings.logRetention()).isEqualTo(RetentionDays.ONE_MONTH);
        assertThat(settings.maxReceiveCount()).isEqualTo(5);
        assertThat(settings.visibilityTimeoutSeconds()).isEqualTo(30);
        assertThat(settings.metricsNamespace()).isEqualTo("RedshiftAutopilot");
        assertThat(settings.alertingNamePrefix()).isEqualTo("autopilot-alerting-");
        assertThat(settings.analyzerMaxTasks()).isEqualTo(4);
        assertThat(settings.maintenanceMaxTasks()).isEqualTo(2);
        assertThat(settings.collectorMaxTasks()).isEqualTo(4);
        assertThat(settings.pagesEmail()).isEmpty();
    }

    @Test
    void everyMissingRequiredParameterIsNamedAtOnce() {
        assertThat(problems(Map.of())).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactlyInAnyOrder(
                "vpcId", "subnetIds", "availabilityZones");
    }

    @Test
    void singleClusterSettingsAreRefusedNamingWhatReplacedThem() {
        assertThat(problems(with("redshiftEndpoint", "analytics.abc123xyz.eu-west-1.redshift.amazonaws.com")))
                .singleElement().asString()
                .startsWith("redshiftEndpoint: no longer supported: list the cluster in clusters (")
                .contains("autopilot:monitor=true");
        assertThat(problems(with("redshiftSecurityGroupId", "sg-0123456789abcdef0"))).singleElement().asString()
                .startsWith("redshiftSecurityGroupId: no longer supported:").contains("RedshiftClientSecurityGroupId");
        assertThat(problems(with("redshiftPort", "5439"))).singleElement().asString()
                .startsWith("redshiftPort: no longer supported: replaced by redshiftPorts");
        for (String key : List.of("redshiftClusterId", "redshiftSecretArn", "maintenanceSecretArn", "redshiftNodeType")) {
            assertThat(problems(with(key, "x"))).as(key).singleElement().asString()
                    .startsWith(key + ": no longer supported:").contains("clusters");
        }
    }

    @Test
    void malformedIdsAreRejectedWithWhatWasFound() {
        assertThat(problems(with("vpcId", "my-vpc"))).containsExactly(
                "vpcId: expected vpc-0123456789abcdef0, found 'my-vpc'");
        assertThat(problems(with("availabilityZones", "eu-west-1a,west"))).singleElement().asString()
                .startsWith("availabilityZones: expected items like eu-west-1a");
        assertThat(problems(with("subnetIds", "subnet-0aaaaaaaaaaaaaaa1,subnet-x"))).singleElement().asString()
                .isEqualTo("subnetIds: expected items like subnet-0123456789abcdef0, found [subnet-x]");
    }

    @Test
    void aPartialSecretArnIsRejectedBecauseGrantsNeedTheCompleteOne() {
        assertThat(problems(with("clusters", "[{\"id\":\"main\",\"endpoint\":\"analytics.abc123xyz.eu-west-1.redshift.amazonaws.com\","
                + "\"secretArn\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:autopilot/redshift\"}]")))
                .singleElement().asString().startsWith("clusters[0].secretArn: expected the complete ARN of a Secrets Manager secret");
    }

    @Test
    void subnetsAndZonesMustPairUp() {
        assertThat(problems(with("availabilityZones", "eu-west-1a"))).containsExactly(
                "availabilityZones: must name the zone of each subnet in subnetIds in the same order: 2 subnets but 1 zones");
        Map<String, Object> one = with("subnetIds", "subnet-0aaaaaaaaaaaaaaa1");
        one.put("availabilityZones", "eu-west-1a");
        assertThat(problems(one)).singleElement().asString().startsWith("subnetIds: needs at least two subnets");
    }

    @Test
    void listsAlsoArriveAsJsonArraysFromCdkJson() {
        DeploySettings settings = read(with("subnetIds", List.of("subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2")));
        assertThat(settings.subnetIds()).containsExactly("subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2");
    }

    @Test
    void numbersAreCheckedForRange() {
        assertThat(problems(with("redshiftPorts", "5439,80"))).containsExactly(
                "redshiftPorts: expected ports between 1150 and 65535, found '80'");
        assertThat(problems(with("maxReceiveCount", "five"))).containsExactly("maxReceiveCount: expected a whole number, found 'five'");
        assertThat(problems(with("collectorMaxTasks", "0"))).containsExactly("collectorMaxTasks: must be between 1 and 50, found 0");
        assertThat(problems(with("logRetentionDays", "10"))).singleElement().asString()
                .startsWith("logRetentionDays: must be one of [7, 14, 30, 60, 90, 180, 365, 731], found 10");
    }

    @Test
    void alertingPrefixMayNotCoverTheStacksOwnAlarms() {
        assertThat(problems(with("alertingNamePrefix", "autopilot-"))).singleElement().asString()
                .startsWith("alertingNamePrefix: must not be a prefix of 'autopilot-infra-'");
    }

    @Test
    void discoverySettingsAreChecked() {
        assertThat(problems(with("discoveryServerless", "no"))).containsExactly(
                "discoveryServerless: expected true or false, found 'no'");
        assertThat(problems(with("discoveryInterval", "5m"))).containsExactly(
                "discoveryInterval: expected an ISO-8601 duration such as PT5M, found '5m'");
        assertThat(problems(with("discoveryInterval", "PT10S"))).singleElement().asString()
                .startsWith("discoveryInterval: must be between PT1M and PT24H");
        assertThat(problems(with("discoveryTagKey", "aws:cloudformation:stack-name"))).singleElement().asString()
                .startsWith("discoveryTagKey: expected a tag key");
        assertThat(problems(with("discoveryTagValue", "yes please"))).singleElement().asString()
                .startsWith("discoveryTagValue: expected a tag value");
        assertThat(problems(with("clusterSecretPrefix", "autopilot/*"))).singleElement().asString()
                .startsWith("clusterSecretPrefix: expected the start of a Secrets Manager secret name");
        Map<String, Object> context = with("discoveryProvisioned", "false");
        context.put("discoveryServerless", false);
        assertThat(problems(context)).containsExactly(
                "discoveryProvisioned: and discoveryServerless are both false and clusters lists none: nothing would be monitored");
        context.put("clusters", "[]");
        assertThat(problems(context)).singleElement().asString().startsWith("discoveryProvisioned: and discoveryServerless");
        context.put("clusters", "[{\"id\":\"main\",\"endpoint\":\"analytics.abc123xyz.eu-west-1.redshift.amazonaws.com\"}]");
        assertThat(read(context).discovery().enabled()).isFalse();
    }

    @Test
    void listedClustersAreReadFromAJsonStringOrACdkJsonList() {
        DeploySettings fromString = read(with("clusters", Synthesized.CLUSTERS));
        assertThat(fromString.clusters()).containsExactly(
                new StaticCluster("main", "analytics.abc123xyz.eu-west-1.redshift.amazonaws.com", 5439, "dev",
                        Optional.of(Synthesized.REDSHIFT_SECRET_ARN), Optional.of(Synthesized.MAINTENANCE_SECRET_ARN),
                        Optional.of("ra3.4xlarge")),
                new StaticCluster("legacy", "legacy.def456uvw.eu-west-1.redshift.amazonaws.com", 5440, "dev",
                        Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(fromString.egressPorts()).containsExactly(5439, 5440);

        // cdk.json: "clusters": [{"id": ..., ...}] arrives as a list of maps
        Map<String, Object> context = with("clusters", List.of(Map.of("id", "sales",
                "endpoint", "sales.wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/sales",
                "secretArn", Synthesized.REDSHIFT_SECRET_ARN)));
        context.put("redshiftDatabase", "warehouse");
        StaticCluster sales = read(context).clusters().get(0);
        assertThat(sales.serverless()).isTrue();
        assertThat(sales.database()).isEqualTo("sales");
        assertThat(sales.jdbcUrl()).isEqualTo("jdbc:redshift://sales.wg.123456789012.eu-west-1.redshift-serverless.amazonaws.com:5439/sales");
        assertThat(sales.maintenanceSecret()).contains(Synthesized.REDSHIFT_SECRET_ARN);
    }

    @Test
    void listedClustersAreCheckedEntryByEntry() {
        assertThat(problems(with("clusters", "main=analytics.abc123xyz.eu-west-1.redshift.amazonaws.com")))
                .singleElement().asString().startsWith("clusters: expected a JSON array such as [{\"id\":\"main\"");
        assertThat(problems(with("clusters", "[{\"id\":\"prod-eu\",\"endpoint\":\"a.b.c:99999\",\"secret\":\"x\"}, 3]")))
                .containsExactlyInAnyOrder(
                        "clusters[0]: unknown field 'secret' (expected id, endpoint, secretArn, maintenanceSecretArn, nodeType)",
                        "clusters[0].id: expected lowercase letters and digits, starting with a letter, found 'prod-eu'",
                        "clusters[0].endpoint: expected ports between 1150 and 65535, found '99999'",
                        "clusters[1]: expected an object such as {\"id\":\"main\",\"endpoint\":\"my-cluster.abc123xyz.eu-west-1"
                                + ".redshift.amazonaws.com:5439/dev\",\"secretArn\":\"arn:aws:secretsmanager:...:secret:autopilot/main-AbCdEf\"}, found 3");
        assertThat(problems(with("clusters", "[{\"id\":\"a\",\"endpoint\":\"a.example.com\"},{\"id\":\"a\",\"endpoint\":\"b.example.com\"}]")))
                .containsExactly("clusters[1].id: 'a' is listed twice");
        assertThat(problems(with("clusters", "[{\"endpoint\":\"a.example.com\",\"nodeType\":\"ds2.xlarge\"}]")))
                .containsExactlyInAnyOrder("clusters[0].id: is required (lowercase letters and digits, starting with a letter)",
                        "clusters[0].nodeType: expected a node type such as ra3.4xlarge or dc2.large, found 'ds2.xlarge'");
        // IAM credentials on Serverless are granted only on tagged workgroups
        assertThat(problems(with("clusters", "[{\"id\":\"sales\",\"endpoint\":\"sales.123456789012.eu-west-1.redshift-serverless.amazonaws.com\"}]")))
                .singleElement().asString().startsWith("clusters[0].secretArn: is required for a Serverless workgroup");
    }

    @Test
    void clusterIdsMustMapToOneEnvironmentVariableKey() {
        assertThat(problems(with("clusters", "[{\"id\":\"Prod\",\"endpoint\":\"a.example.com\"}]"))).singleElement().asString()
                .startsWith("clusters[0].id: expected lowercase letters and digits");
        assertThat(read(with("clusters", "[{\"id\":\"prodeu1\",\"endpoint\":\"a.example.com\"}]")).clusters().get(0).id())
                .isEqualTo("prodeu1");
    }

    @Test
    void maintenanceMayUseItsOwnUser() {
        DeploySettings settings = read(with("maintenanceUser", "autopilot_maintenance"));
        assertThat(settings.maintenanceUser()).isEqualTo("autopilot_maintenance");
        assertThat(settings.redshiftUser()).isEqualTo("autopilot_monitor");
    }
}
