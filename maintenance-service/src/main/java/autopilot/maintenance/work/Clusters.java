package autopilot.maintenance.work;

import autopilot.events.TableRef;
import autopilot.maintenance.config.MaintenanceConfig;
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

    public Clusters(MaintenanceConfig config) {
        this.config = config;
        config.clusters().forEach((id, c) -> windows.put(id, new MaintenanceWindow(c.window().cron(), c.window().duration(),
                c.window().zone())));
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
        MaintenanceConfig.Cluster cluster = config.clusters().get(clusterId);
        String name = table.schema() + "." + table.table();
        for (Pattern deny : cluster.deny().orElse(List.of())) {
            if (deny.matcher(name).matches()) {
                return Optional.of(name + " matches deny pattern '" + deny.pattern() + "' of cluster " + clusterId);
            }
        }
        boolean allowed = cluster.allow().stream().anyMatch(p -> p.matcher(name).matches());
        return allowed ? Optional.empty() : Optional.of(name + " matches no allow pattern of cluster " + clusterId + " "
                + cluster.allow().stream().map(Pattern::pattern).toList());
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
