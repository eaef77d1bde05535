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

    private static void refused(String name, String sql, String key, String why) {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("autopilot.collector.user-metrics." + name + ".sql", sql);
        assertThatThrownBy(() -> autopilot.collector.source.UserMetrics.of(collector(values).userMetrics()))
                .hasMessageContaining(key).hasMessageContaining(why);
    }

    @Test
    void userMetricsMustBeOneReadOnlySelectOfOneColumn() {
        String key = "autopilot.collector.user-metrics.Orders.sql";
        refused("Orders", "DELETE FROM sales.orders", key, "only a SELECT");
        refused("Orders", "SELECT 1; SELECT 2", key, "one SELECT statement, found 2");
        refused("Orders", "SELECT count(*) INTO t FROM sales.orders", key, "SELECT INTO");
        refused("Orders", "SELECT count(*) INTO TABLE t FROM sales.orders", key, "not a SELECT");
        refused("Orders", "SELECT count(*), max(id) FROM sales.orders", key, "one column");
        refused("Orders", "SELECT * FROM sales.orders", key, "instead of *");
        refused("Orders", "SELECT id FROM sales.orders FOR UPDATE", key, "takes locks");
        refused("Orders", "WITH x AS (SELECT id INTO t2 FROM a) SELECT count(*) FROM x", key, "SELECT INTO");
        refused("Orders", "SELEC count(*) FROM sales.orders", key, "not a SELECT");
        refused("bad name", "SELECT 1", "autopilot.collector.user-metrics.bad name", "metric name");
        assertThatThrownBy(() -> autopilot.collector.source.UserMetrics.of(collector(Map.of(
                "autopilot.collector.user-metrics.Orders.sql", "SELECT 1", "autopilot.collector.user-metrics.Orders.unit", "Rows"))
                .userMetrics())).hasMessageContaining("autopilot.collector.user-metrics.Orders.unit").hasMessageContaining("Count");
        assertThatThrownBy(() -> collector(Map.of("autopilot.collector.user-metrics.Orders.unit", "Count")))
                .hasMessageContaining("autopilot.collector.user-metrics.Orders.sql");
    }

    @Test
    void userMetricsAcceptWithUnionAndSubqueries() {
        var checked = autopilot.collector.source.UserMetrics.of(collector(Map.of(
                "autopilot.collector.user-metrics.OpenOrders.sql",
                "WITH o AS (SELECT id FROM sales.orders WHERE status = 'open') SELECT count(*) FROM o",
                "autopilot.collector.user-metrics.OpenOrders.unit", "Count",
                "autopilot.collector.user-metrics.Backlog.sql",
                "SELECT sum(n) FROM (SELECT count(*) AS n FROM a UNION ALL SELECT count(*) FROM b) t",
                "autopilot.collector.user-metrics.Backlog.clusters", "prod-*,analytics")).userMetrics());
        org.assertj.core.api.Assertions.assertThat(checked).extracting(m -> m.name() + " " + m.unit())
                .containsExactly("Backlog None", "OpenOrders Count");
    }
}
