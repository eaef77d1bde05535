package autopilot.analyzer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.analyzer.config.AnalyzerConfig;
import autopilot.runtime.aws.AwsConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration stops start-up with a message naming the key. */
class ConfigurationTest {

    private static void load(Map<String, String> properties) {
        new SmallRyeConfigBuilder().withMapping(AwsConfig.class).withMapping(AnalyzerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }

    @Test
    void missingRegionIsNamed() {
        assertThatThrownBy(() -> load(Map.of("autopilot.analyzer.snapshots-queue", "q",
                "autopilot.analyzer.recommendations-topic-arn", "arn:aws:sns:us-east-1:1:t")))
                .hasMessageContaining("autopilot.aws.region");
    }

    @Test
    void missingTopicIsNamed() {
        assertThatThrownBy(() -> load(Map.of("autopilot.aws.region", "us-east-1", "autopilot.analyzer.snapshots-queue", "q")))
                .hasMessageContaining("autopilot.analyzer.recommendations-topic-arn");
    }

    @Test
    void invalidEndpointIsNamed() {
        assertThatThrownBy(() -> load(Map.of("autopilot.aws.region", "us-east-1", "autopilot.aws.endpoint-override", "http://bad host:1",
                "autopilot.analyzer.snapshots-queue", "q", "autopilot.analyzer.recommendations-topic-arn", "arn")))
                .hasMessageContaining("autopilot.aws.endpoint-override");
    }
}
