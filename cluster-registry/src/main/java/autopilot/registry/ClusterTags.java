package autopilot.registry;

import autopilot.events.ClusterKind;
import io.quarkus.logging.Log;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads a discovered cluster's tags into what the services need, with the configured defaults. */
final class ClusterTags {

    private final DiscoveryConfig config;

    ClusterTags(DiscoveryConfig config) {
        this.config = config;
    }

    /** Whether the tags carry the monitoring tag with its value. */
    boolean monitored(Map<String, String> tags) {
        String value = tags.get(config.tagKey());
        return value != null && value.trim().equalsIgnoreCase(config.tagValue());
    }

    DiscoveredCluster cluster(String id, ClusterKind kind, String address, int port, Optional<String> nodeType,
                              OptionalInt nodes, OptionalInt baseCapacity, Map<String, String> tags) {
        return new DiscoveredCluster(id, kind, config.addressOverride().orElse(address), port,
                nonBlank(tags.get(DiscoveredCluster.DATABASE_TAG)).orElse(config.database()),
                nonBlank(tags.get(config.userTag())).orElse(config.user()),
                nonBlank(tags.get(config.secretTag())), nodeType, nodes, baseCapacity,
                nonBlank(tags.get(DiscoveredCluster.MAINTENANCE_WINDOW_TAG)), dryRun(id, tags),
                nonBlank(tags.get(DiscoveredCluster.DATABASES_DENY_TAG))
                        .map(v -> Arrays.stream(v.trim().split("\\s+")).toList()).orElse(List.of()),
                Map.copyOf(tags));
    }

    private static Optional<Boolean> dryRun(String id, Map<String, String> tags) {
        Optional<String> value = nonBlank(tags.get(DiscoveredCluster.DRY_RUN_TAG)).map(v -> v.trim().toLowerCase(Locale.ROOT));
        if (value.isPresent() && !value.get().equals("true") && !value.get().equals("false")) {
            // A typo must not turn maintenance on: anything but true/false counts as dry run.
            Log.warnf("Cluster %s: tag %s=%s is neither true nor false; treated as true", id,
                    DiscoveredCluster.DRY_RUN_TAG, value.get());
            return Optional.of(true);
        }
        return value.map(Boolean::parseBoolean);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
