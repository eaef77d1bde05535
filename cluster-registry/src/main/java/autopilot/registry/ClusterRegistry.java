package autopilot.registry;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The clusters found through the AWS API, asked again every {@code autopilot.discovery.interval}.
 * A cluster that appears is announced ({@link Change}) and used without a restart; one deleted or
 * untagged is dropped with that reason. A source whose call fails keeps the clusters it last found,
 * and its status says so. Statically configured clusters stay in each service's configuration; the
 * services put the two together (a static id wins over a discovered one).
 */
@ApplicationScoped
public class ClusterRegistry {

    /** A cluster that left the registry, and why. */
    public record Dropped(String id, String reason) {
    }

    /** What one refresh changed: clusters found, clusters whose details changed, clusters gone. */
    public record Change(List<DiscoveredCluster> added, List<DiscoveredCluster> updated, List<Dropped> dropped) {
        public boolean isEmpty() {
            return added.isEmpty() && updated.isEmpty() && dropped.isEmpty();
        }
    }

    /** How one source fared at its last call. */
    public record SourceStatus(String source, Instant lastAttempt, Instant lastSuccess, String lastError, int clusters) {
    }

    private final DiscoveryConfig config;
    private final List<ClusterSource> sources;
    private final Consumer<Change> announce;
    private final Clock clock;
    private final Map<String, Listing> lastListing = new LinkedHashMap<>();
    private final Map<String, SourceStatus> statuses = new LinkedHashMap<>();
    private volatile Map<String, DiscoveredCluster> clusters = Map.of();

    @Inject
    ClusterRegistry(DiscoveryConfig config, Instance<RedshiftApi> redshift, Instance<ServerlessApi> serverless,
                    Event<Change> changes, Clock clock) {
        this(config, sources(config, redshift, serverless), changes::fire, clock);
    }

    /** A registry over given sources (tests). */
    public ClusterRegistry(DiscoveryConfig config, List<ClusterSource> sources, Consumer<Change> announce, Clock clock) {
        this.config = config;
        this.sources = sources;
        this.announce = announce;
        this.clock = clock;
    }

    private static List<ClusterSource> sources(DiscoveryConfig config, Instance<RedshiftApi> redshift,
                                               Instance<ServerlessApi> serverless) {
        if (!config.enabled()) {
            return List.of();
        }
        return sources(config, config.provisioned() ? redshift.get() : null, config.serverless() ? serverless.get() : null);
    }

    /** Sources over given clients: provisioned clusters from a Redshift API, workgroups from a Serverless API (either may be null). */
    public static List<ClusterSource> sources(DiscoveryConfig config, RedshiftApi redshift, ServerlessApi serverless) {
        ClusterTags tags = new ClusterTags(config);
        List<ClusterSource> sources = new ArrayList<>();
        if (redshift != null) {
            sources.add(new ProvisionedClusters(redshift, tags));
        }
        if (serverless != null) {
            sources.add(new ServerlessWorkgroups(serverless, tags));
        }
        return sources;
    }

    /** First discovery before the service serves: its clusters are known from the start (a failure is logged, not fatal). */
    void discoverAtStartup(@Observes StartupEvent start) {
        if (config.enabled()) {
            refresh();
        }
    }

    @Scheduled(every = "${autopilot.discovery.interval:PT5M}", delayed = "${autopilot.discovery.interval:PT5M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        if (config.enabled()) {
            refresh();
        }
    }

    /** Whether discovery is on. */
    public boolean enabled() {
        return config.enabled();
    }

    /** The discovered clusters, by id. */
    public Map<String, DiscoveredCluster> clusters() {
        return clusters;
    }

    public Optional<DiscoveredCluster> find(String id) {
        return Optional.ofNullable(clusters.get(id));
    }

    /** Whether every source answered its last call (off: nothing to answer, so true). */
    public synchronized boolean complete() {
        return statuses.size() == sources.size() && statuses.values().stream().allMatch(s -> s.lastError() == null);
    }

    /** Each source's last call. */
    public synchronized List<SourceStatus> statuses() {
        return List.copyOf(statuses.values());
    }

    /** Asks every source again and announces what changed. */
    public synchronized Change refresh() {
        Instant now = clock.instant();
        for (ClusterSource source : sources) {
            SourceStatus before = statuses.get(source.name());
            try {
                Listing listing = source.list();
                lastListing.put(source.name(), listing);
                statuses.put(source.name(), new SourceStatus(source.name(), now, now, null, listing.tagged().size()));
            } catch (RuntimeException e) {
                Listing kept = lastListing.get(source.name());
                int keptCount = kept == null ? 0 : kept.tagged().size();
                statuses.put(source.name(), new SourceStatus(source.name(), now, before == null ? null : before.lastSuccess(),
                        String.valueOf(e.getMessage()), keptCount));
                Log.warnf("Discovery through %s failed (%s); keeping the %d cluster(s) it found last; next try in %s",
                        source.name(), e.getMessage(), keptCount, config.interval());
            }
        }
        Map<String, DiscoveredCluster> next = new TreeMap<>();
        Set<String> untagged = new HashSet<>();
        for (Map.Entry<String, Listing> listing : lastListing.entrySet()) {
            untagged.addAll(listing.getValue().untagged());
            for (DiscoveredCluster c : listing.getValue().tagged()) {
                DiscoveredCluster other = next.putIfAbsent(c.id(), c);
                if (other != null && other != c) {
                    Log.warnf("Discovery: %s names both a provisioned cluster and a workgroup; the workgroup is left out", c.id());
                }
            }
        }
        Change change = diff(clusters, next, untagged);
        clusters = java.util.Collections.unmodifiableMap(next);
        if (!change.isEmpty()) {
            change.added().forEach(c -> Log.infof("Discovered %s %s at %s:%d (database %s, %s)", c.kind().name().toLowerCase(),
                    c.id(), c.host(), c.port(), c.database(), c.iam() ? "IAM credentials" : "secret " + c.secretId().get()));
            change.dropped().forEach(d -> Log.infof("Cluster %s dropped: %s", d.id(), d.reason()));
            announce.accept(change);
        }
        return change;
    }

    private Change diff(Map<String, DiscoveredCluster> before, Map<String, DiscoveredCluster> after, Collection<String> untagged) {
        List<DiscoveredCluster> added = new ArrayList<>();
        List<DiscoveredCluster> updated = new ArrayList<>();
        List<Dropped> dropped = new ArrayList<>();
        after.forEach((id, c) -> {
            DiscoveredCluster was = before.get(id);
            if (was == null) {
                added.add(c);
            } else if (!was.equals(c)) {
                updated.add(c);
            }
        });
        before.keySet().stream().filter(id -> !after.containsKey(id)).forEach(id -> dropped.add(new Dropped(id,
                untagged.contains(id) ? "no longer tagged " + config.tagKey() + "=" + config.tagValue() + " (or being deleted)"
                        : "deleted (no longer listed by the AWS API)")));
        return new Change(added, updated, dropped);
    }
}
