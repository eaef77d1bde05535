package autopilot.maintenance.work;

import autopilot.events.TableRef;
import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.maintenance.config.PatternConverter;
import autopilot.maintenance.window.MaintenanceWindow;
import autopilot.maintenance.window.TagWindow;
import autopilot.registry.ClusterRegistry;
import autopilot.registry.DiscoveredCluster;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The maintained clusters: configured ones ({@code autopilot.maintenance.clusters}, checked at
 * start-up) and discovered ones (their tags, else {@code autopilot.maintenance.discovered}): their
 * windows, allow/deny lists, urgency and dry-run settings. A configured id wins over a discovered one.
 */
@ApplicationScoped
public class Clusters {

    /** A work item for a cluster not known yet asks discovery again at most this often. */
    static final Duration REDISCOVERY_SPACING = Duration.ofSeconds(30);

    private final MaintenanceConfig config;
    private final ClusterRegistry registry;
    private final Clock clock;
    private final Map<String, MaintenanceWindow> windows = new TreeMap<>();
    private final Map<String, List<Pattern>> allow = new TreeMap<>();
    private final Map<String, List<Pattern>> deny = new TreeMap<>();
    private final MaintenanceWindow discoveredWindow;
    private final List<Pattern> discoveredAllow;
    private final List<Pattern> discoveredDeny;
    /** Windows of discovered clusters, by id and the tag's value. */
    private final Map<String, MaintenanceWindow> tagWindows = new ConcurrentHashMap<>();
    private volatile Instant lastRediscovery = Instant.EPOCH;

    /** @throws IllegalArgumentException naming the configuration key of a bad pattern or window */
    @Inject
    public Clusters(MaintenanceConfig config, ClusterRegistry registry, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        config.clusters().forEach((id, c) -> {
            String key = "autopilot.maintenance.clusters." + id;
            windows.put(id, window(key, c.window()));
            allow.put(id, patterns(key + ".allow", c.allow()));
            deny.put(id, patterns(key + ".deny", c.deny().orElse(List.of())));
        });
        discoveredWindow = window("autopilot.maintenance.discovered", config.discovered().window());
        discoveredAllow = patterns("autopilot.maintenance.discovered.allow", config.discovered().allow());
        discoveredDeny = patterns("autopilot.maintenance.discovered.deny", config.discovered().deny().orElse(List.of()));
    }

    private static MaintenanceWindow window(String key, MaintenanceConfig.Window w) {
        try {
            return new MaintenanceWindow(w.cron(), w.duration(), w.zone());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ".window.duration: " + e.getMessage(), e);
        }
    }

    /** Checks the configuration at start-up rather than at the first work item. */
    void validateAtStartup(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        Log.infof("Maintaining clusters %s%s", windows, registry.enabled() ? " and discovered ones " + registry.clusters().keySet() : "");
    }

    /** A discovered cluster's window is read again from its tags when they change. */
    void registryChanged(@Observes ClusterRegistry.Change change) {
        change.updated().forEach(c -> tagWindows.keySet().removeIf(k -> k.startsWith(c.id() + "\n")));
        change.dropped().forEach(d -> tagWindows.keySet().removeIf(k -> k.startsWith(d.id() + "\n")));
    }

    private static List<Pattern> patterns(String key, List<String> expressions) {
        PatternConverter converter = new PatternConverter();
        try {
            return expressions.stream().map(converter::convert).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    public boolean known(String clusterId) {
        return windows.containsKey(clusterId) || registry.find(clusterId).isPresent();
    }

    /**
     * Whether the cluster is known, asking discovery again (at most every 30 s) when it is not: a
     * cluster tagged a moment ago may have work items before this service's next discovery.
     */
    public boolean knownOrDiscovered(String clusterId) {
        if (known(clusterId) || !registry.enabled()) {
            return known(clusterId);
        }
        Instant now = clock.instant();
        if (Duration.between(lastRediscovery, now).compareTo(REDISCOVERY_SPACING) >= 0) {
            lastRediscovery = now;
            registry.refresh();
        }
        return known(clusterId);
    }

    public Set<String> ids() {
        SortedSet<String> ids = new TreeSet<>(windows.keySet());
        ids.addAll(registry.clusters().keySet());
        return ids;
    }

    private Optional<DiscoveredCluster> discovered(String clusterId) {
        return windows.containsKey(clusterId) ? Optional.empty() : registry.find(clusterId);
    }

    public MaintenanceWindow window(String clusterId) {
        MaintenanceWindow configured = windows.get(clusterId);
        if (configured != null) {
            return configured;
        }
        Optional<String> tag = discovered(clusterId).flatMap(DiscoveredCluster::maintenanceWindow);
        if (tag.isEmpty()) {
            return discoveredWindow;
        }
        return tagWindows.computeIfAbsent(clusterId + "\n" + tag.get(), k -> {
            try {
                return TagWindow.parse(tag.get());
            } catch (IllegalArgumentException e) {
                Log.warnf("Cluster %s: tag %s %s; its window is autopilot.maintenance.discovered.window (%s)", clusterId,
                        DiscoveredCluster.MAINTENANCE_WINDOW_TAG, e.getMessage(), discoveredWindow);
                return discoveredWindow;
            }
        });
    }

    public boolean urgentAllowed(String clusterId) {
        MaintenanceConfig.Cluster configured = config.clusters().get(clusterId);
        return configured != null ? configured.urgentAllowed() : config.discovered().urgentAllowed();
    }

    public java.time.Duration statementTimeout(String clusterId) {
        MaintenanceConfig.Cluster configured = config.clusters().get(clusterId);
        return configured != null ? configured.statementTimeout().orElse(config.statementTimeout()) : config.statementTimeout();
    }

    public boolean dryRun(String clusterId) {
        MaintenanceConfig.Cluster configured = config.clusters().get(clusterId);
        if (configured != null) {
            return configured.dryRun().orElse(config.dryRun());
        }
        return discovered(clusterId).flatMap(DiscoveredCluster::dryRun).orElse(config.dryRun());
    }

    /** The reason a table is not to be touched, or empty when the cluster's lists allow it. */
    public Optional<String> refusal(String clusterId, TableRef table) {
        String name = table.schema() + "." + table.table();
        boolean configured = windows.containsKey(clusterId);
        for (Pattern refused : configured ? deny.get(clusterId) : discoveredDeny) {
            if (refused.matcher(name).matches()) {
                return Optional.of(name + " matches deny pattern '" + refused.pattern() + "' of cluster " + clusterId);
            }
        }
        List<Pattern> allowed = configured ? allow.get(clusterId) : discoveredAllow;
        return allowed.stream().anyMatch(p -> p.matcher(name).matches()) ? Optional.empty()
                : Optional.of(name + " matches no allow pattern of cluster " + clusterId + " " + allowed.stream().map(Pattern::pattern).toList());
    }

    /** Whether any cluster could run something now: a window is open, or urgent items are allowed somewhere. */
    public boolean anyReceivable(Instant now) {
        return ids().stream().anyMatch(id -> window(id).isOpen(now) || urgentAllowed(id));
    }

    /** The earliest next opening of any cluster's window. */
    public Optional<Instant> nextOpening(Instant now) {
        return ids().stream().map(id -> window(id).nextOpening(now)).min(Instant::compareTo);
    }
}
