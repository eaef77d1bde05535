package autopilot.collector.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Profile state held in memory: the one-shot mode (no state database) and tests. */
final class MemoryProfileState implements ProfileState {

    private final Map<String, Map<ProfilePlan.TableColumn, Long>> joins = new HashMap<>();
    private final Map<String, Map<ProfilePlan.TableColumn, Instant>> seen = new HashMap<>();
    private final Map<String, Map<String, Instant>> attempts = new HashMap<>();
    private final Map<String, Map<String, List<ColumnProfile>>> profiles = new HashMap<>();

    private static String key(String clusterId, String database) {
        return clusterId + "/" + database;
    }

    @Override
    public synchronized void addJoins(String clusterId, String database, Map<ProfilePlan.TableColumn, Long> add, Instant now) {
        Map<ProfilePlan.TableColumn, Long> counts = joins.computeIfAbsent(key(clusterId, database), k -> new HashMap<>());
        Map<ProfilePlan.TableColumn, Instant> last = seen.computeIfAbsent(key(clusterId, database), k -> new HashMap<>());
        add.forEach((c, n) -> {
            counts.merge(c, n, Long::sum);
            last.put(c, now);
        });
        last.entrySet().removeIf(e -> {
            boolean old = e.getValue().isBefore(now.minus(Duration.ofDays(7)));
            if (old) {
                counts.remove(e.getKey());
            }
            return old;
        });
    }

    @Override
    public synchronized Map<ProfilePlan.TableColumn, Long> joins(String clusterId, String database) {
        return Map.copyOf(joins.getOrDefault(key(clusterId, database), Map.of()));
    }

    @Override
    public synchronized Map<String, Instant> lastProfiled(String clusterId, String database) {
        return Map.copyOf(attempts.getOrDefault(key(clusterId, database), Map.of()));
    }

    @Override
    public synchronized void profiled(String clusterId, String database, String schema, String table, List<ColumnProfile> columns,
                                      String outcome, Instant at) {
        attempts.computeIfAbsent(key(clusterId, database), k -> new HashMap<>()).put(ProfilePlan.key(schema, table), at);
        if (!columns.isEmpty()) {
            profiles.computeIfAbsent(key(clusterId, database), k -> new HashMap<>()).put(ProfilePlan.key(schema, table), List.copyOf(columns));
        }
    }

    @Override
    public synchronized List<ColumnProfile> profiles(String clusterId, String database) {
        List<ColumnProfile> all = new ArrayList<>();
        profiles.getOrDefault(key(clusterId, database), Map.of()).values().forEach(all::addAll);
        all.sort(Comparator.comparing(ColumnProfile::schema).thenComparing(ColumnProfile::table).thenComparing(ColumnProfile::column));
        return all;
    }
}
