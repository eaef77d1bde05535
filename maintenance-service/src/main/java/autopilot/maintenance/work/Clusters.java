package autopilot.maintenance.work;

import autopilot.events.TableRef;
import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.maintenance.config.PatternConverter;
import autopilot.maintenance.window.MaintenanceWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The configured clusters: their windows, allow/deny lists, urgency and dry-run settings. */
@ApplicationScoped
public class Clusters {

    private final MaintenanceConfig config;
    private final Map<String, MaintenanceWindow> windows = new TreeMap<>();
    private final Map<String, List<Pattern>> allow = new TreeMap<>();
    private final Map<String, List<Pattern>> deny = new TreeMap<>();

    /** @throws IllegalArgumentException naming the configuration key of a bad pattern or window */
    public Clusters(MaintenanceConfig config) {
        this.config = config;
        config.clusters().forEach((id, c) -> {
            String key = "autopilot.maintenance.clusters." + id;
            try {
                windows.put(id, new MaintenanceWindow(c.window().cron(), c.window().duration(), c.window().zone()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ".window.duration: " + e.getMessage(), e);
            }
            allow.put(id, patterns(key + ".allow", c.allow()));
            deny.put(id, patterns(key + ".deny", c.deny().orElse(List.of())));
        });
    }

    /** Checks the configuration at start-up rather than at the first work item. */
    void validateAtStartup(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        io.quarkus.logging.Log.infof("Maintaining clusters %s", windows);
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
        return windows.containsKey(clusterId);
    }

    public java.util.Set<String> ids() {
        return windows.keySet();
    }

    public MaintenanceWindow window(String clusterId) {
        return windows.get(clusterId);
    }

    public boolean urgentAllowed(String clusterId) {
        return config.clusters().get(clusterId).urgentAllowed();
    }

    public java.time.Duration statementTimeout(String clusterId) {
        return config.clusters().get(clusterId).statementTimeout().orElse(config.statementTimeout());
    }

    public boolean dryRun(String clusterId) {
        return config.clusters().get(clusterId).dryRun().orElse(config.dryRun());
    }

    /** The reason a table is not to be touched, or empty when the cluster's lists allow it. */
    public Optional<String> refusal(String clusterId, TableRef table) {
        String name = table.schema() + "." + table.table();
        for (Pattern refused : deny.get(clusterId)) {
            if (refused.matcher(name).matches()) {
                return Optional.of(name + " matches deny pattern '" + refused.pattern() + "' of cluster " + clusterId);
            }
        }
        List<Pattern> allowed = allow.get(clusterId);
        return allowed.stream().anyMatch(p -> p.matcher(name).matches()) ? Optional.empty()
                : Optional.of(name + " matches no allow pattern of cluster " + clusterId + " " + allowed.stream().map(Pattern::pattern).toList());
    }

    /** Whether any cluster could run something now: a window is open, or urgent items are allowed somewhere. */
    public boolean anyReceivable(Instant now) {
        return windows.entrySet().stream().anyMatch(e -> e.getValue().isOpen(now) || urgentAllowed(e.getKey()));
    }

    /** The earliest next opening of any cluster's window. */
    public Optional<Instant> nextOpening(Instant now) {
        return windows.values().stream().map(w -> w.nextOpening(now)).min(Instant::compareTo);
    }
}
