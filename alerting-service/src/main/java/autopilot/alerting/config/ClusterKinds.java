package autopilot.alerting.config;

import autopilot.events.ClusterKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a cluster kind is written in configuration: {@code provisioned} or {@code serverless}. */
final class ClusterKinds {

    private ClusterKinds() {
    }

    static String configName(ClusterKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Config converter: SmallRye reports a failure together with the property name. */
    public static final class Converter implements org.eclipse.microprofile.config.spi.Converter<ClusterKind> {
        @Override
        public ClusterKind convert(String value) {
            String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(ClusterKind.values()).filter(k -> configName(k).equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown cluster kind '" + value + "'; expected one of "
                            + Arrays.stream(ClusterKind.values()).map(ClusterKinds::configName).collect(Collectors.joining(", "))));
        }
    }
}
