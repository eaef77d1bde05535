package autopilot.collector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.runtime.aws.AwsConfig;
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

    private static CollectorConfig collector(Map<String, String> values) {
        Map<String, String> all = new java.util.HashMap<>(values);
        all.put("autopilot.collector.snapshots-queue", "q");
        return new SmallRyeConfigBuilder().withMapping(CollectorConfig.class)
                .withSources(new PropertiesConfigSource(all, "test", 100)).build().getConfigMapping(CollectorConfig.class);
    }

    @Test
    void profileDefaultsAreDocumented() {
        var p = autopilot.collector.profile.ProfileSettings.of(collector(Map.of()).profile());
        org.assertj.core.api.Assertions.assertThat(p).isEqualTo(new autopilot.collector.profile.ProfileSettings(true,
                java.time.Duration.ofDays(1), 10, java.time.Duration.ofMinutes(5), 100_000));
    }

    @Test
    void badProfileValuesNameTheirKey() {
        assertThatThrownBy(() -> autopilot.collector.profile.ProfileSettings.of(
                collector(Map.of("autopilot.collector.profile.max-tables", "0")).profile()))
                .hasMessageContaining("autopilot.collector.profile.max-tables");
        assertThatThrownBy(() -> autopilot.collector.profile.ProfileSettings.of(
                collector(Map.of("autopilot.collector.profile.interval", "PT0S")).profile()))
                .hasMessageContaining("autopilot.collector.profile.interval");
        assertThatThrownBy(() -> collector(Map.of("autopilot.collector.profile.max-table", "3")))
                .hasMessageContaining("autopilot.collector.profile.max-table");
    }
}
