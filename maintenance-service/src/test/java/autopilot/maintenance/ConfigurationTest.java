package autopilot.maintenance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.maintenance.config.AwsConfig;
import autopilot.maintenance.config.MaintenanceConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration stops start-up with a message naming the key. */
class ConfigurationTest {

    private static void load(Map<String, String> properties) {
        new SmallRyeConfigBuilder().withMapping(AwsConfig.class).withMapping(MaintenanceConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }

    @Test
    void missingWorkQueueIsNamed() {
        assertThatThrownBy(() -> load(Map.of("autopilot.aws.region", "us-east-1",
                "autopilot.maintenance.recommendations-topic-arn", "arn")))
                .hasMessageContaining("autopilot.maintenance.work-queue");
    }

    @Test
    void missingRegionIsNamed() {
        assertThatThrownBy(() -> load(Map.of("autopilot.maintenance.work-queue", "q",
                "autopilot.maintenance.recommendations-topic-arn", "arn")))
                .hasMessageContaining("autopilot.aws.region");
    }
}
