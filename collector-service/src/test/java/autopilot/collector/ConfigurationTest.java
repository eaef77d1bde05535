package autopilot.collector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.collector.config.AwsConfig;
import autopilot.collector.config.CollectorConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration stops start-up with a message naming the key. */
class ConfigurationTest {

    @Test
    void missingRegionIsNamed() {
        assertThatThrownBy(() -> new SmallRyeConfigBuilder().withMapping(AwsConfig.class).withMapping(CollectorConfig.class)
                .withSources(new PropertiesConfigSource(Map.of("autopilot.collector.snapshots-queue", "q"), "test", 100)).build())
                .hasMessageContaining("autopilot.aws.region");
    }
}
