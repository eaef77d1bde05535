package autopilot.alerting;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.alerting.config.AlertingConfig;
import autopilot.alerting.config.AwsConfig;
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
    void missingPagesTopicIsNamed() {
        assertThatThrownBy(() -> load(Map.of("autopilot.aws.region", "us-east-1", "autopilot.alerting.inbox-queue", "q",
                "autopilot.alerting.metrics-namespace", "N")))
                .hasMessageContaining("autopilot.alerting.pages-topic-arn");
    }
}
