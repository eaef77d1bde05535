package autopilot.collector.lease;

import autopilot.collector.cluster.CollectorClusters;
import autopilot.collector.config.CollectorConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;
import javax.sql.DataSource;
import autopilot.runtime.state.StateStoreException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.InetAddress;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How collector instances share the clusters: a lease per cluster in the collector's PostgreSQL.
 * Every few seconds each instance marks itself alive, renews its leases, and moves toward its even
 * share: with M clusters and N live instances (ordered by id), the instance of rank r holds
 * M / N clusters, one more if r &lt; M mod N, so no instance holds more than one more than another.
 * It releases what is over its share (never the cluster it is collecting) and claims free or
 * expired leases with {@code FOR UPDATE SKIP LOCKED}, so two instances never claim one lease. An
 * instance that dies stops renewing; its leases expire after {@code autopilot.collector.lease.duration}
 * and the others take them. One that stops cleanly hands its leases back at once.
 * <p>
 * An instance collects a cluster only while its own view of the lease is fresh: renewed within half
 * a lease period, so a lost database or a stalled instance stops collecting before the lease can
 * pass to another.
 */
@ApplicationScoped
public class ClusterLeases {

    /** A lease as stored. */
    public record Lease(String clusterId, String owner, Instant claimedAt, Instant expiresAt) {
    }

    /** What leasing needs of the collector: whether it runs, its lease settings, and the clusters it knows. */
    public interface Settings {
        boolean enabled();

        Duration duration();

        /** Every cluster id this instance knows. */
        Collection<String> known();

        /** Whether {@link #known()} is whole (discovery answered), so leases of unknown clusters may go. */
        boolean complete();
    }

    /** Resolved on use: the one-shot mode runs with the datasource deactivated. */
    private final Supplier<DataSource> state;
    private final Settings settings;
    private final Clock clock;
    private final String instanceId;
    /** Clusters this instance holds, with when its own view of each lease goes stale. */
    private volatile Map<String, Instant> held = Map.of();
    private final Set<String> collecting = ConcurrentHashMap.newKeySet();

    @Inject
    ClusterLeases(Instance<AgroalDataSource> state, CollectorConfig config, CollectorClusters clusters, Clock clock) {
        this(state::get, new Settings() {
            @Override
            public boolean enabled() {
                return config.scheduleEnabled();
            }

            @Override
            public Duration duration() {
                return config.lease().duration();
            }

            @Override
            public Collection<String> known() {
                return clusters.ids();
            }

            @Override
            public boolean complete() {
                return clusters.complete();
            }
        }, config.lease().instanceId().orElseGet(ClusterLeases::defaultInstanceId), clock);
    }

    /** Leases over a given database and settings (tests run several instances on one PostgreSQL). */
    public ClusterLeases(Supplier<DataSource> state, Settings settings, String instanceId, Clock clock) {
        this.state = state;
        this.settings = settings;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "collector";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This instance's id, as leases name their owner. */
    public String instanceId() {
        return instanceId;
    }

    @Scheduled(every = "${autopilot.collector.lease.rebalance-every:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRebalance() {
        if (!settings.enabled()) {
            return;
        }
        try {
            rebalance();
        } catch (StateStoreException e) {
            Log.warnf("Lease rebalance failed: %s; clusters whose leases go stale are not collected", e.getMessage());
        }
    }

    /** Whether this instance may collect the cluster now. */
    public boolean holds(String clusterId) {
        Instant fresh = held.get(clusterId);
        return fresh != null && clock.instant().isBefore(fresh);
    }

    /** The clusters this instance holds, sorted. */
    public List<String> held() {
        return held.keySet().stream().filter(this::holds).sorted().toList();
    }

    /** Marks a cluster as being collected (never released while so); returns false if the lease is not held. */
    public boolean startCollecting(String clusterId) {
        collecting.add(clusterId);
        if (!holds(clusterId)) {
            collecting.remove(clusterId);
            return false;
        }
        return true;
    }

    public void doneCollecting(String clusterId) {
        collecting.remove(clusterId);
    }

    /** Marks this instance alive, renews its leases, releases what is over its share and claims up to it. */
    public synchronized void rebalance() {
        Instant started = clock.instant();
        List<String> known = new ArrayList<>(settings.known());
        try (Connection c = state.get().getConnection()) {
            c.setAutoCommit(false);
            Array knownIds = c.createArrayOf("text", known.toArray());
            update(c, "INSERT INTO collector_instance (instance_id, started_at, seen_at) VALUES (?, now(), now()) "
                    + "ON CONFLICT (instance_id) DO UPDATE SET seen_at = now()", instanceId);
            // Rows of instances long gone are only noise in the API.
            update(c, "DELETE FROM collector_instance WHERE seen_at < now() - 10 * ?::interval", interval());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_lease (cluster_id) SELECT unnest(?::text[]) "
                    + "ON CONFLICT (cluster_id) DO NOTHING")) {
                ps.setArray(1, knownIds);
                ps.executeUpdate();
            }
            if (settings.complete()) {
                // A cluster no instance holds and this one does not know was removed while no collector ran
                // (or from the configuration): its row would only skew the shares.
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM cluster_lease WHERE NOT (cluster_id = ANY(?)) "
                        + "AND (owner IS NULL OR expires_at < now() - ?::interval) RETURNING cluster_id")) {
                    ps.setArray(1, knownIds);
                    ps.setString(2, interval());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Log.infof("Lease of %s removed: the cluster is neither configured nor discovered", rs.getString(1));
                        }
                    }
                }
            }
            List<String> live = strings(c, "SELECT instance_id FROM collector_instance WHERE seen_at > now() - ?::interval "
                    + "ORDER BY instance_id", interval());
            int clusterCount = strings(c, "SELECT cluster_id FROM cluster_lease").size();
            int rank = Math.max(0, live.indexOf(instanceId));
            int instances = Math.max(1, live.size());
            int share = clusterCount / instances + (rank < clusterCount % instances ? 1 : 0);

            List<String> mine = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_lease SET expires_at = now() + ?::interval "
                    + "WHERE owner = ? AND cluster_id = ANY(?) RETURNING cluster_id")) {
                ps.setString(1, interval());
                ps.setString(2, instanceId);
                ps.setArray(3, knownIds);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        mine.add(rs.getString(1));
                    }
                }
            }
            // Leases of clusters this instance no longer knows go back (another may still know them).
            try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_lease SET owner = NULL, expires_at = NULL "
                    + "WHERE owner = ? AND NOT (cluster_id = ANY(?))")) {
                ps.setString(1, instanceId);
                ps.setArray(2, knownIds);
                ps.executeUpdate();
            }
            mine.sort(null);
            if (mine.size() > share) {
                List<String> release = new ArrayList<>(mine.stream().filter(id -> !collecting.contains(id)).toList());
                release = release.subList(Math.max(0, release.size() - (mine.size() - share)), release.size());
                try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_lease SET owner = NULL, expires_at = NULL "
                        + "WHERE owner = ? AND cluster_id = ANY(?)")) {
                    ps.setString(1, instanceId);
                    ps.setArray(2, c.createArrayOf("text", release.toArray()));
                    ps.executeUpdate();
                }
                mine.removeAll(release);
                if (!release.isEmpty()) {
                    Log.infof("Collector %s released %s (share %d of %d clusters, %d instances)", instanceId, release, share,
                            clusterCount, instances);
                }
            } else if (mine.size() < share) {
                List<String> claimed = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT cluster_id FROM cluster_lease WHERE cluster_id = ANY(?) "
                        + "AND (owner IS NULL OR expires_at < now()) ORDER BY cluster_id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    ps.setArray(1, knownIds);
                    ps.setInt(2, share - mine.size());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            claimed.add(rs.getString(1));
                        }
                    }
                }
                if (!claimed.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE cluster_lease SET owner = ?, claimed_at = now(), "
                            + "expires_at = now() + ?::interval WHERE cluster_id = ANY(?)")) {
                        ps.setString(1, instanceId);
                        ps.setString(2, interval());
                        ps.setArray(3, c.createArrayOf("text", claimed.toArray()));
                        ps.executeUpdate();
                    }
                    mine.addAll(claimed);
                    Log.infof("Collector %s claimed %s (share %d of %d clusters, %d instances)", instanceId, claimed, share,
                            clusterCount, instances);
                }
            }
            c.commit();
            Instant fresh = started.plus(settings.duration().dividedBy(2));
            Map<String, Instant> now = new TreeMap<>();
            mine.forEach(id -> now.put(id, fresh));
            held = now;
        } catch (SQLException e) {
            throw new StateStoreException("rebalancing cluster leases", e);
        }
    }

    /** Every lease, for the API. */
    public Map<String, Lease> all() {
        Map<String, Lease> all = new TreeMap<>();
        try (Connection c = state.get().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT cluster_id, owner, claimed_at, expires_at FROM cluster_lease");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.put(rs.getString(1), new Lease(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4))));
            }
            return all;
        } catch (SQLException e) {
            throw new StateStoreException("reading cluster leases", e);
        }
    }

    /** The other live instance holding the cluster's lease, if one does. */
    public java.util.Optional<String> heldElsewhere(String clusterId) {
        if (!settings.enabled()) {
            return java.util.Optional.empty();
        }
        try (Connection c = state.get().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT owner FROM cluster_lease WHERE cluster_id = ? AND owner <> ? "
                     + "AND expires_at > now()")) {
            ps.setString(1, clusterId);
            ps.setString(2, instanceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("reading the lease of cluster " + clusterId, e);
        }
    }

    /** Forgets a cluster that left the registry: its lease and due times; true when this call removed the lease. */
    public boolean drop(String clusterId) {
        try (Connection c = state.get().getConnection()) {
            c.setAutoCommit(false);
            update(c, "DELETE FROM collection_due WHERE cluster_id = ?", clusterId);
            int removed = update(c, "DELETE FROM cluster_lease WHERE cluster_id = ?", clusterId);
            c.commit();
            Map<String, Instant> rest = new TreeMap<>(held);
            rest.remove(clusterId);
            held = rest;
            return removed > 0;
        } catch (SQLException e) {
            throw new StateStoreException("dropping the lease of cluster " + clusterId, e);
        }
    }

    /** A clean stop hands the leases back at once instead of after a lease period. */
    @PreDestroy
    void handBack() {
        if (!settings.enabled()) {
            return;
        }
        try (Connection c = state.get().getConnection()) {
            update(c, "UPDATE cluster_lease SET owner = NULL, expires_at = NULL WHERE owner = ?", instanceId);
            update(c, "DELETE FROM collector_instance WHERE instance_id = ?", instanceId);
            Log.infof("Collector %s handed back its leases", instanceId);
        } catch (SQLException | RuntimeException e) {
            Log.warnf("Collector %s could not hand back its leases (%s); they expire in %s", instanceId, e.getMessage(),
                    settings.duration());
        }
        held = Map.of();
    }

    private String interval() {
        return settings.duration().toMillis() + " milliseconds";
    }

    private static int update(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            return ps.executeUpdate();
        }
    }

    private static List<String> strings(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setString(i + 1, values[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
