package autopilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
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
        assertThat(settings.redshiftClusterId()).isEqualTo("main");
        assertThat(settings.redshiftPort()).isEqualTo(5439);
        assertThat(settings.redshiftDatabase()).isEqualTo("dev");
        assertThat(settings.redshiftUser()).isEqualTo("autopilot_monitor");
        assertThat(settings.maintenanceSecretArn()).isEqualTo(settings.redshiftSecretArn());
        assertThat(settings.maintenanceUser()).isEqualTo("autopilot_monitor");
        assertThat(settings.imageRepositoryPrefix()).isEqualTo("redshift-autopilot/");
        assertThat(settings.imageTag()).isEqualTo("latest");
        assertThat(settings.logRetention()).isEqualTo(RetentionDays.ONE_MONTH);
        assertThat(settings.maxReceiveCount()).isEqualTo(5);
        assertThat(settings.visibilityTimeoutSeconds()).isEqualTo(30);
        assertThat(settings.metricsNamespace()).isEqualTo("RedshiftAutopilot");
        assertThat(settings.alertingNamePrefix()).isEqualTo("autopilot-alerting-");
        assertThat(settings.analyzerMaxTasks()).isEqualTo(4);
        assertThat(settings.maintenanceMaxTasks()).isEqualTo(2);
        assertThat(settings.pagesEmail()).isEmpty();
    }

    @Test
    void everyMissingRequiredParameterIsNamedAtOnce() {
        assertThat(problems(Map.of())).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactlyInAnyOrder(
                "vpcId", "subnetIds", "availabilityZones", "redshiftEndpoint", "redshiftSecurityGroupId",
                "redshiftSecretArn");
    }

    @Test
    void malformedIdsAreRejectedWithWhatWasFound() {
        assertThat(problems(with("vpcId", "my-vpc"))).containsExactly(
                "vpcId: expected vpc-0123456789abcdef0, found 'my-vpc'");
        assertThat(problems(with("redshiftSecurityGroupId", "default"))).singleElement().asString()
                .startsWith("redshiftSecurityGroupId: expected sg-");
        assertThat(problems(with("subnetIds", "subnet-0aaaaaaaaaaaaaaa1,subnet-x"))).singleElement().asString()
                .isEqualTo("subnetIds: expected items like subnet-0123456789abcdef0, found [subnet-x]");
    }

    @Test
    void aPartialSecretArnIsRejectedBecauseGrantsNeedTheCompleteOne() {
        assertThat(problems(with("redshiftSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:autopilot/redshift")))
                .singleElement().asString().startsWith("redshiftSecretArn: expected arn:aws:secretsmanager:");
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
        assertThat(problems(with("redshiftPort", "80"))).containsExactly("redshiftPort: must be between 1150 and 65535, found 80");
        assertThat(problems(with("maxReceiveCount", "five"))).containsExactly("maxReceiveCount: expected a whole number, found 'five'");
        assertThat(problems(with("logRetentionDays", "10"))).singleElement().asString()
                .startsWith("logRetentionDays: must be one of [7, 14, 30, 60, 90, 180, 365, 731], found 10");
    }

    @Test
    void clusterIdMustMapToOneEnvironmentVariableKey() {
        assertThat(problems(with("redshiftClusterId", "prod-eu"))).singleElement().asString()
                .startsWith("redshiftClusterId: expected lowercase letters and digits");
        assertThat(read(with("redshiftClusterId", "prodeu1")).redshiftClusterId()).isEqualTo("prodeu1");
    }

    @Test
    void alertingPrefixMayNotCoverTheStacksOwnAlarms() {
        assertThat(problems(with("alertingNamePrefix", "autopilot-"))).singleElement().asString()
                .startsWith("alertingNamePrefix: must not be a prefix of 'autopilot-infra-'");
    }

    @Test
    void maintenanceMayUseItsOwnSecretAndUser() {
        Map<String, Object> context = with("maintenanceSecretArn",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:autopilot/maintenance-XyZ123");
        context.put("maintenanceUser", "autopilot_maintenance");
        DeploySettings settings = read(context);
        assertThat(settings.maintenanceSecretArn()).endsWith("autopilot/maintenance-XyZ123");
        assertThat(settings.maintenanceUser()).isEqualTo("autopilot_maintenance");
        assertThat(settings.redshiftSecretArn()).isEqualTo(Synthesized.REDSHIFT_SECRET_ARN);
    }
}
