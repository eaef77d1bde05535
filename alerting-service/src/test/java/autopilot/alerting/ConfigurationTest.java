package autopilot.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.alerting.cloudwatch.AlarmCatalog;
import autopilot.alerting.config.AlertingConfig;
import autopilot.alerting.config.MonitoredClusters;
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
        assertThat(catalog.connectionThreshold("a")).isEqualTo(1800.0);
        assertThat(catalog.connectionThreshold("b")).isEqualTo(900.0);
    }

    private static AlertingConfig mapping(Map<String, String> clusters) {
        Map<String, String> properties = new java.util.HashMap<>(Map.of("autopilot.alerting.inbox-queue", "q",
                "autopilot.alerting.metrics-namespace", "N", "autopilot.alerting.pages-topic-arn", "arn:aws:sns:us-east-1:1:p"));
        properties.putAll(clusters);
        return new SmallRyeConfigBuilder().withMapping(AlertingConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build().getConfigMapping(AlertingConfig.class);
    }

    @Test
    void aServerlessWorkgroupsConnectionThresholdComesFromTheServerlessQuotaOrTheOverride() {
        AlertingConfig config = mapping(Map.of("autopilot.alerting.clusters.wg.kind", "serverless",
                "autopilot.alerting.clusters.small-wg.kind", "Serverless", "autopilot.alerting.clusters.small-wg.connection-limit", "500"));
        AlarmCatalog catalog = new AlarmCatalog(config);
        assertThat(catalog.connectionThreshold("wg")).isEqualTo(1800.0); // 90 % of the 2,000 connections per workgroup
        assertThat(catalog.connectionThreshold("small-wg")).isEqualTo(450.0);
        assertThat(MonitoredClusters.configured(config).get("wg").workgroup()).isEqualTo("wg");
    }

    @Test
    void unknownClusterKindIsNamed() {
        assertThatThrownBy(() -> mapping(Map.of("autopilot.alerting.clusters.wg.kind", "lambda")))
                .hasMessageContaining("autopilot.alerting.clusters.wg.kind").hasMessageContaining("lambda")
                .hasMessageContaining("serverless");
    }

    @Test
    void serverlessAsANodeTypeIsNamedWithTheKeyToUseInstead() {
        assertThatThrownBy(() -> mapping(Map.of("autopilot.alerting.clusters.local.node-type", "serverless")))
                .hasMessageContaining("autopilot.alerting.clusters.local.node-type").hasMessageContaining("kind=serverless");
    }

    @Test
    void keysThatDoNotFitTheKindAreNamed() {
        assertThatThrownBy(() -> MonitoredClusters.configured(mapping(Map.of("autopilot.alerting.clusters.wg.kind", "serverless",
                "autopilot.alerting.clusters.wg.node-type", "ra3.4xlarge"))))
                .isInstanceOf(MonitoredClusters.InvalidClusterConfigException.class)
                .hasMessageStartingWith("autopilot.alerting.clusters.wg.node-type ");
        assertThatThrownBy(() -> MonitoredClusters.configured(mapping(Map.of("autopilot.alerting.clusters.prod.max-capacity", "128"))))
                .hasMessageStartingWith("autopilot.alerting.clusters.prod.max-capacity ").hasMessageContaining("kind=serverless");
        assertThatThrownBy(() -> MonitoredClusters.configured(mapping(Map.of("autopilot.alerting.clusters.prod.connection-limit", "100"))))
                .hasMessageStartingWith("autopilot.alerting.clusters.prod.node-type ").hasMessageContaining("is required");
        assertThatThrownBy(() -> MonitoredClusters.configured(mapping(Map.of("autopilot.alerting.clusters.wg.kind", "serverless",
                "autopilot.alerting.clusters.wg.max-capacity", "0"))))
                .hasMessageStartingWith("autopilot.alerting.clusters.wg.max-capacity ");
    }

    @Test
    void missingPagesTopicIsNamed() {
        assertThatThrownBy(() -> load(Map.of("autopilot.aws.region", "us-east-1", "autopilot.alerting.inbox-queue", "q",
                "autopilot.alerting.metrics-namespace", "N")))
                .hasMessageContaining("autopilot.alerting.pages-topic-arn");
    }
}
