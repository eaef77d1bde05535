package autopilot.maintenance.work;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.ClusterKind;
import autopilot.events.TableRef;
import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.registry.ClusterRegistry;
import autopilot.registry.ClusterSource;
import autopilot.registry.DiscoveredCluster;
import autopilot.registry.DiscoveryConfig;
import autopilot.registry.Listing;
import autopilot.runtime.aws.AwsConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Discovered clusters in maintenance: window and dry run from their tags (else the discovered
 * defaults), configured clusters unchanged, and a work item for a cluster not yet known asks
 * discovery again instead of being dead-lettered at once.
 */
class DiscoveredClustersTest {

    private final List<DiscoveredCluster> listed = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final SmallRyeConfig all = new SmallRyeConfigBuilder().withMapping(AwsConfig.class).withMapping(MaintenanceConfig.class)
            .withMapping(DiscoveryConfig.class).withSources(new PropertiesConfigSource(Map.of(
                    "autopilot.aws.region", "us-east-1", "autopilot.maintenance.work-queue", "q",
                    "autopilot.maintenance.recommendations-topic-arn", "arn", "autopilot.discovery.enabled", "true",
                    "autopilot.maintenance.clusters.static.jdbc-url", "jdbc:redshift://h:5439/dev",
                    "autopilot.maintenance.clusters.static.user", "u",
                    "autopilot.maintenance.discovered.window.cron", "0 3 * * *",
                    "autopilot.maintenance.discovered.deny", "audit\\..*"), "test", 100)).build();
    private final ClusterRegistry registry = new ClusterRegistry(all.getConfigMapping(DiscoveryConfig.class), List.of(new ClusterSource() {
        @Override
        public String name() {
            return "DescribeClusters";
        }

        @Override
        public Listing list() {
            calls.incrementAndGet();
            return new Listing(List.copyOf(listed), Set.of());
        }
    }), c -> { }, Clock.systemUTC());
    private final Clusters clusters = new Clusters(all.getConfigMapping(MaintenanceConfig.class), registry,
            Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC));

    private static DiscoveredCluster cluster(String id, Optional<String> window, Optional<Boolean> dryRun) {
        return new DiscoveredCluster(id, ClusterKind.PROVISIONED, "127.0.0.1", 5439, "dev", "maint", Optional.of("s"),
                Optional.of("ra3.xlplus"), OptionalInt.of(2), OptionalInt.empty(), window, dryRun, List.of(), Map.of());
    }

    @Test
    void tagsGiveTheWindowAndDryRunElseTheDiscoveredDefaults() {
        listed.add(cluster("tagged", Optional.of("sun:01:00-sun:04:00"), Optional.of(false)));
        listed.add(cluster("plain", Optional.empty(), Optional.empty()));
        listed.add(cluster("typo", Optional.of("every night"), Optional.empty()));
        registry.refresh();

        assertThat(clusters.ids()).containsExactly("plain", "static", "tagged", "typo");
        assertThat(clusters.window("tagged").isOpen(Instant.parse("2026-12-06T02:00:00Z"))).isTrue(); // a Sunday
        assertThat(clusters.window("tagged").isOpen(Instant.parse("2026-12-07T02:00:00Z"))).isFalse();
        assertThat(clusters.window("plain").isOpen(Instant.parse("2026-12-07T03:30:00Z"))).isTrue(); // discovered default 03:00 for 3 h
        assertThat(clusters.window("typo").isOpen(Instant.parse("2026-12-07T03:30:00Z"))).isTrue(); // unreadable tag: the default
        assertThat(clusters.window("static").isOpen(Instant.parse("2026-12-07T02:30:00Z"))).isTrue(); // configured: 02:00 default
        assertThat(clusters.dryRun("tagged")).isFalse();
        assertThat(clusters.dryRun("plain")).isEqualTo(all.getConfigMapping(MaintenanceConfig.class).dryRun());
        assertThat(clusters.refusal("plain", new TableRef("dev", "audit", "log", null))).get().asString().contains("deny pattern");
        assertThat(clusters.refusal("plain", new TableRef("dev", "public", "events", null))).isEmpty();
    }

    @Test
    void anUnknownClusterAsksDiscoveryAgainAtMostEveryThirtySeconds() {
        registry.refresh();
        int before = calls.get();
        assertThat(clusters.knownOrDiscovered("new")).isFalse();
        assertThat(calls.get()).isEqualTo(before + 1);
        listed.add(cluster("new", Optional.empty(), Optional.empty()));
        // Within 30 s (the clock is fixed) no second call: the item waits for the scheduled discovery.
        assertThat(clusters.knownOrDiscovered("new")).isFalse();
        assertThat(calls.get()).isEqualTo(before + 1);
        registry.refresh();
        assertThat(clusters.knownOrDiscovered("new")).isTrue();
    }
}
