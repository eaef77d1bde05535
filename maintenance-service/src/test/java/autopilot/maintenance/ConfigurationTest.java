package autopilot.maintenance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.runtime.aws.AwsConfig;
import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.maintenance.work.Clusters;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import autopilot.registry.ClusterRegistry;
import autopilot.registry.DiscoveryConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration stops start-up with a message naming the key. */
class ConfigurationTest {

    private static void load(Map<String, String> properties) {
        io.smallrye.config.SmallRyeConfig all = new SmallRyeConfigBuilder().withMapping(AwsConfig.class).withMapping(MaintenanceConfig.class)
                .withMapping(DiscoveryConfig.class).withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        MaintenanceConfig config = all.getConfigMapping(MaintenanceConfig.class);
        // What start-up builds from it.
        new Clusters(config, new ClusterRegistry(all.getConfigMapping(DiscoveryConfig.class), List.of(), c -> { }, Clock.systemUTC()),
                Clock.systemUTC());
    }

    @Test
    void missingWorkQueueIsNamed() {
        assertThatThrownBy(() -> load(Map.of("autopilot.aws.region", "us-east-1",
                "autopilot.maintenance.recommendations-topic-arn", "arn")))
                .hasMessageContaining("autopilot.maintenance.work-queue");
    }

    private static Map<String, String> withCluster(String key, String value) {
        return Map.of("autopilot.aws.region", "us-east-1", "autopilot.maintenance.work-queue", "q",
                "autopilot.maintenance.recommendations-topic-arn", "arn",
                "autopilot.maintenance.clusters.prod.jdbc-url", "jdbc:redshift://h:5439/dev",
                "autopilot.maintenance.clusters.prod.user", "u", key, value);
    }

    @Test
    void badWindowCronIsNamed() {
        assertThatThrownBy(() -> load(withCluster("autopilot.maintenance.clusters.prod.window.cron", "0 25 * * *")))
                .hasMessageContaining("autopilot.maintenance.clusters.prod.window.cron");
    }

    @Test
    void badDenyPatternIsNamed() {
        assertThatThrownBy(() -> load(withCluster("autopilot.maintenance.clusters.prod.deny", "audit\\.(")))
                .hasMessageContaining("autopilot.maintenance.clusters.prod.deny");
    }

    @Test
    void badWindowDurationIsNamed() {
        assertThatThrownBy(() -> load(withCluster("autopilot.maintenance.clusters.prod.window.duration", "three hours")))
                .hasMessageContaining("autopilot.maintenance.clusters.prod.window.duration");
    }

    @Test
    void missingClusterUserIsNamed() {
        assertThatThrownBy(() -> load(Map.of("autopilot.aws.region", "us-east-1", "autopilot.maintenance.work-queue", "q",
                "autopilot.maintenance.recommendations-topic-arn", "arn",
                "autopilot.maintenance.clusters.prod.jdbc-url", "jdbc:redshift://h:5439/dev")))
                .hasMessageContaining("autopilot.maintenance.clusters.prod.user");
    }

    @Test
    void missingRegionIsNamed() {
        assertThatThrownBy(() -> load(Map.of("autopilot.maintenance.work-queue", "q",
                "autopilot.maintenance.recommendations-topic-arn", "arn")))
                .hasMessageContaining("autopilot.aws.region");
    }
}
