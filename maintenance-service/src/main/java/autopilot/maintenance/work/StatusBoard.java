package autopilot.maintenance.work;

import autopilot.events.MaintenanceRequested;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;

/** What this instance holds and runs now, per cluster (for the API; finished runs are in {@code WorkRuns}). */
@ApplicationScoped
public class StatusBoard {

    /** An item received and waiting its turn in this instance. */
    public record Pending(String workItemId, String table, double priority, boolean urgent, Instant receivedAt) {
    }

    /** The statement running now. */
    public record Running(String workItemId, String table, String statement, Instant since) {
    }

    private final Clock clock;
    private final Map<String, Map<String, Pending>> pending = new ConcurrentHashMap<>();
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    StatusBoard(Clock clock) {
        this.clock = clock;
    }

    public void held(String clusterId, MaintenanceRequested item) {
        pending.computeIfAbsent(clusterId, id -> new ConcurrentHashMap<>()).put(item.workItemId(),
                new Pending(item.workItemId(), name(item), item.priority(), item.urgent(), clock.instant()));
    }

    public void released(String clusterId, String workItemId) {
        Map<String, Pending> items = pending.get(clusterId);
        if (items != null) {
            items.remove(workItemId);
        }
    }

    void running(String clusterId, MaintenanceRequested item, String statement) {
        running.put(clusterId, new Running(item.workItemId(), name(item), statement, clock.instant()));
    }

    void idle(String clusterId) {
        running.remove(clusterId);
    }

    /** Why maintenance refuses to run on the cluster (its user cannot see enough), or null once it may. */
    void refusing(String clusterId, String reason) {
        if (reason == null) {
            refusals.remove(clusterId);
        } else {
            refusals.put(clusterId, reason);
        }
    }

    public String refusal(String clusterId) {
        return refusals.get(clusterId);
    }

    public List<Pending> pending(String clusterId) {
        return List.copyOf(pending.getOrDefault(clusterId, Map.of()).values());
    }

    public Running running(String clusterId) {
        return running.get(clusterId);
    }

    private static String name(MaintenanceRequested item) {
        return item.table().database() + "." + item.table().schema() + "." + item.table().table();
    }
}
