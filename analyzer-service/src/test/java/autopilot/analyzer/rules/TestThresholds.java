package autopilot.analyzer.rules;

import autopilot.analyzer.config.AnalysisSettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;

/**
 * Thresholds for tests that run rules without Quarkus, built by SmallRye Config from the {@code @WithDefault}s of
 * {@link Thresholds}, so the defaults stay declared in one place.
 */
public final class TestThresholds {

    private static final Thresholds DEFAULTS = with(Map.of());

    private TestThresholds() {
    }

    public static Thresholds defaults() {
        return DEFAULTS;
    }

    /** The defaults with some values set, keyed as configured under {@code autopilot.analyzer.thresholds}, e.g. {@code skew.ratio}. */
    public static Thresholds with(Map<String, String> values) {
        Map<String, String> properties = new HashMap<>();
        values.forEach((key, value) -> properties.put(AnalysisSettings.THRESHOLDS + "." + key, value));
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(Thresholds.class, AnalysisSettings.THRESHOLDS)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(Thresholds.class, AnalysisSettings.THRESHOLDS);
    }
}
