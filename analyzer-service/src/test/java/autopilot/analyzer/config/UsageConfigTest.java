package autopilot.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.analyzer.model.UsageCost;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The usage price and budgets ({@code autopilot.analyzer.usage.*}) as start-up checks them: a bad value, a price
 * without its currency and a money budget without a price each stop start-up naming the key; a cluster's own values
 * win over the global ones.
 */
class UsageConfigTest {

    private static AnalysisSettings settings(Map<String, String> usage) {
        Map<String, String> properties = new HashMap<>(Map.of("autopilot.analyzer.snapshots-queue", "q",
                "autopilot.analyzer.recommendations-topic-arn", "arn:aws:sns:us-east-1:1:t"));
        usage.forEach((key, value) -> properties.put(AnalysisSettings.USAGE + "." + key, value));
        AnalyzerConfig config = new SmallRyeConfigBuilder().withMapping(AnalyzerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build().getConfigMapping(AnalyzerConfig.class);
        return new AnalysisSettings(config);
    }

    private static void startUp(Map<String, String> usage) {
        settings(usage).checkUsage();
    }

    @Test
    void aValueNotPositiveIsNamed() {
        assertThatThrownBy(() -> startUp(Map.of("price-per-rpu-hour", "0", "currency", "USD")))
                .hasMessageContaining("autopilot.analyzer.usage.price-per-rpu-hour");
        assertThatThrownBy(() -> startUp(Map.of("clusters.etl.daily-budget-rpu-hours", "-5")))
                .hasMessageContaining("autopilot.analyzer.usage.clusters.etl.daily-budget-rpu-hours");
        assertThatThrownBy(() -> startUp(Map.of("currency", "dollars")))
                .hasMessageContaining("autopilot.analyzer.usage.currency");
    }

    @Test
    void aPriceWithoutCurrencyIsNamedEvenWithoutClusters() {
        assertThatThrownBy(() -> startUp(Map.of("price-per-rpu-hour", "0.375")))
                .hasMessageContaining("autopilot.analyzer.usage.currency");
        assertThatThrownBy(() -> startUp(Map.of("clusters.etl.price-per-rpu-hour", "0.375")))
                .hasMessageContaining("autopilot.analyzer.usage.clusters.etl.currency");
    }

    @Test
    void aMoneyBudgetWithoutPriceIsNamed() {
        assertThatThrownBy(() -> startUp(Map.of("daily-budget-amount", "100", "currency", "USD")))
                .hasMessageContaining("autopilot.analyzer.usage.daily-budget-amount")
                .hasMessageContaining("autopilot.analyzer.usage.price-per-rpu-hour");
        assertThatThrownBy(() -> startUp(Map.of("clusters.etl.daily-budget-amount", "100")))
                .hasMessageContaining("autopilot.analyzer.usage.clusters.etl.daily-budget-amount");
    }

    @Test
    void aClustersOwnValuesWinOverTheGlobalOnes() {
        AnalysisSettings s = settings(Map.of("price-per-rpu-hour", "0.375", "currency", "USD", "daily-budget-rpu-hours", "500",
                "clusters.etl.price-per-rpu-hour", "0.36", "clusters.etl.daily-budget-amount", "150"));
        s.checkUsage();
        assertThat(s.usageCost("etl")).isEqualTo(new UsageCost(0.36, "USD", 500.0, 150.0));
        assertThat(s.usageCost("other")).isEqualTo(new UsageCost(0.375, "USD", 500.0, null));
        assertThat(settings(Map.of()).usageCost("any")).isEqualTo(UsageCost.NONE);
    }
}
