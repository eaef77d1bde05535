package autopilot.deploy;

import static autopilot.deploy.AutopilotStackTest.container;
import static autopilot.deploy.AutopilotStackTest.environment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Credentials reach the tasks only as ECS secrets or as a secret's id, never as a plain environment value. */
class SecretsTest {

    private static final List<String> SERVICES = List.of("collector-service", "analyzer-service", "maintenance-service",
            "alerting-service");
    // Names that would carry a credential itself (a *_SECRET_ID only names where the credential is).
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(".*(PASSWORD|PASSWD|TOKEN|ACCESS_KEY|SECRET(_KEY)?$).*");

    @Test
    void noPlainEnvironmentVariableIsNamedLikeACredential() {
        for (String service : SERVICES) {
            assertThat(environment(service).keySet()).as(service).noneMatch(name -> CREDENTIAL_NAME.matcher(name).matches());
        }
    }

    @Test
    void noPlainEnvironmentValueResolvesOrReferencesASecret() {
        for (String service : SERVICES) {
            environment(service).forEach((name, value) -> {
                String rendered = value.toString();
                assertThat(rendered).as(service + " " + name).doesNotContain("{{resolve:secretsmanager")
                        .doesNotContain("SecretAttachment").doesNotContain("InstanceSecret");
            });
        }
    }

    @Test
    void databaseCredentialsComeFromTheRdsGeneratedSecret() {
        for (String service : SERVICES) {
            assertThat(secrets(service)).as(service).containsOnlyKeys("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
            assertThat(secrets(service).get("QUARKUS_DATASOURCE_PASSWORD")).as(service)
                    .startsWith("StateDatabaseInstanceSecretAttachment").endsWith(":password::");
            assertThat(secrets(service).get("QUARKUS_DATASOURCE_USERNAME")).as(service)
                    .startsWith("StateDatabaseInstanceSecretAttachment").endsWith(":username::");
        }
    }

    @Test
    void redshiftPasswordIsReadByTheServiceFromSecretsManagerById() {
        assertThat(environment("collector-service"))
                .containsEntry("AUTOPILOT_COLLECTOR_CLUSTERS_MAIN_SECRET_ID", Synthesized.REDSHIFT_SECRET_ARN)
                .doesNotContainKey("AUTOPILOT_COLLECTOR_CLUSTERS_LEGACY_SECRET_ID");
        assertThat(environment("maintenance-service"))
                .containsEntry("AUTOPILOT_MAINTENANCE_CLUSTERS_MAIN_SECRET_ID", Synthesized.MAINTENANCE_SECRET_ARN)
                .doesNotContainKey("AUTOPILOT_MAINTENANCE_CLUSTERS_LEGACY_SECRET_ID");
        for (String service : SERVICES) {
            assertThat(environment(service).keySet()).as(service).noneMatch(name -> name.endsWith("_PASSWORD"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> secrets(String service) {
        List<Map<String, Object>> secrets = (List<Map<String, Object>>) container(service).get("Secrets");
        return secrets.stream().collect(Collectors.toMap(s -> (String) s.get("Name"),
                s -> LeastPrivilegeTest.render(s.get("ValueFrom"))));
    }
}
