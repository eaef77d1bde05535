package autopilot.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.alerting.cloudwatch.AlarmCatalog;

import autopilot.alerting.config.AlertingConfig;
import autopilot.runtime.aws.AwsConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration stops start-up with a message naming the key. */
class ConfigurationTest {

    private static void load(Map<String, String> properties) {
        new SmallRyeConfigBuilder().withMapping(AwsConfig.class).withMapping(AlertingConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }

    @Test
    void unknownNodeTypeIsNamed() {
        assertThatThrownBy(() -> load(Map.of("autopilot.aws.region", "us-east-1", "autopilot.alerting.inbox-queue", "q",
                "autopilot.alerting.metrics-namespace", "N", "autopilot.alerting.pages-topic-arn", "arn:aws:sns:us-east-1:1:p",
                "autopilot.alerting.clusters.prod.node-type", "dc9.huge")))
                .hasMessageContaining("autopilot.alerting.clusters.prod.node-type").hasMessageContaining("dc9.huge");
    }

    @Test
    void connectionAlarmThresholdComesFromTheNodeTypeOrTheOverride() {
        var config = new SmallRyeConfigBuilder().withMapping(AlertingConfig.class).withSources(new PropertiesConfigSource(Map.of(
                "autopilot.alerting.inbox-queue", "q", "autopilot.alerting.metrics-namespace", "N",
                "autopilot.alerting.pages-topic-arn", "arn:aws:sns:us-east-1:1:p",
                "autopilot.alerting.clusters.a.node-type", "ra3.xlplus",
                "autopilot.alerting.clusters.b.node-type", "dc2.large", "autopilot.alerting.clusters.b.connection-limit", "1000"),
                "test", 100)).build().getConfigMapping(AlertingConfig.class);
        AlarmCatalog catalog = new AlarmCatalog(config);
        assertThat(catalog.connectionThreshold(config.clusters().get("a"))).isEqualTo(1800.0);
        assertThat(catalog.connectionThreshold(config.clusters().get("b"))).isEqualTo(900.0);
    }

    @Test
    void missingPagesTopicIsNamed() {
        assertThatThrownBy(() -> load(Map.of("autopilot.aws.region", "us-east-1", "autopilot.alerting.inbox-queue", "q",
                "autopilot.alerting.metrics-namespace", "N")))
                .hasMessageContaining("autopilot.alerting.pages-topic-arn");
    }
}
