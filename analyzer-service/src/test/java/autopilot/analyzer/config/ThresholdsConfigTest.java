package autopilot.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.analyzer.rules.Thresholds;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Configured thresholds reach the rules by name, the others keep their defaults; an unknown key (such as a name from before
 * the grouping) and a percentage outside (0, 100) stop start-up.
 */
class ThresholdsConfigTest {

    private static AnalysisSettings settings(Map<String, String> thresholds) {
        Map<String, String> properties = new HashMap<>(Map.of("autopilot.analyzer.snapshots-queue", "q",
                "autopilot.analyzer.recommendations-topic-arn", "arn:aws:sns:us-east-1:1:t"));
        thresholds.forEach((key, value) -> properties.put(AnalysisSettings.THRESHOLDS + "." + key, value));
        AnalyzerConfig config = new SmallRyeConfigBuilder().withMapping(AnalyzerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build().getConfigMapping(AnalyzerConfig.class);
        return new AnalysisSettings(config);
    }

    @Test
    void aConfiguredThresholdReplacesItsDefaultAlone() {
        Thresholds t = settings(Map.of("skew.ratio", "6", "page-min-size-mb", "1024", "work.repeat-after", "PT3H")).thresholds();
        assertThat(t.skew().ratio()).isEqualTo(6.0);
        assertThat(t.pageMinSizeMb()).isEqualTo(1024);
        assertThat(t.work().repeatAfter()).isEqualTo(Duration.ofHours(3));
        assertThat(t.skew().minRows()).isEqualTo(1_000_000);
        assertThat(t.work().autoMaintenanceGrace()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void aKeyOfTheOldFlatNamesStopsStartUpRatherThanBeingIgnored() {
        // unsorted-pct became unsorted.pct: a deployment still setting the old key must hear of it, not run on the default.
        assertThatThrownBy(() -> settings(Map.of("unsorted-pct", "30"))).hasMessageContaining("autopilot.analyzer.thresholds.unsorted-pct");
    }

    @Test
    void aPageThresholdOfAbortsTheWorkloadCannotCountIsNamed() {
        // The workload keeps the newest 100 action times per rule: 101 aborts an hour could never be seen.
        assertThatThrownBy(() -> settings(Map.of("qmr.page-aborts-per-hour", "101")).thresholds())
                .hasMessageContaining("autopilot.analyzer.thresholds.qmr.page-aborts-per-hour");
        assertThat(settings(Map.of("qmr.page-aborts-per-hour", "100")).thresholds().qmr().pageAbortsPerHour()).isEqualTo(100);
    }

    @Test
    void aPercentageOutsideZeroToHundredIsNamed() {
        assertThatThrownBy(() -> settings(Map.of("unsorted.pct", "100")).thresholds())
                .hasMessageContaining("autopilot.analyzer.thresholds.unsorted.pct");
        assertThatThrownBy(() -> settings(Map.of("ghost-rows.pct", "0")).thresholds())
                .hasMessageContaining("autopilot.analyzer.thresholds.ghost-rows.pct");
    }
}
