package autopilot.analyzer.state;

import autopilot.analyzer.model.Workload;
import autopilot.events.EventCodec;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A cluster's workload aggregated per hour (as JSON of {@link Workload}), and up to when queries are counted in it:
 * the window workload findings look at without keeping every query, and what keeps a re-sent window from being
 * counted twice.
 */
@ApplicationScoped
public class WorkloadHours {

    private static final TypeReference<Workload> WORKLOAD = new TypeReference<>() { };

    private final StateJson json;

    WorkloadHours(EventCodec codec) {
        this.json = new StateJson(codec.mapper());
    }

    /** The stored hours that overlap a window starting at {@code windowStart} (the hour it starts in begins up to an hour before). */
    public Map<Instant, Workload> window(Connection c, String clusterId, Instant windowStart) throws SQLException {
        Map<Instant, Workload> hours = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT hour, facts FROM workload_hour WHERE cluster_id = ? AND hour >= ?")) {
            ps.setString(1, clusterId);
            ps.setTimestamp(2, Timestamp.from(windowStart.minusSeconds(3600)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) hours.put(rs.getTimestamp(1).toInstant(), parse(rs.getString(2)));
            }
        }
        return hours;
    }

    /** Queries that ended up to this time are in the stored hours; empty when none are. */
    public Optional<Instant> countedUpTo(Connection c, String clusterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT counted_up_to FROM workload_coverage WHERE cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    /** Records that queries ending up to {@code countedUpTo} are counted; never moves back. */
    public void coverUpTo(Connection c, String clusterId, Instant countedUpTo) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO workload_coverage (cluster_id, counted_up_to) VALUES (?, ?) "
                + "ON CONFLICT (cluster_id) DO UPDATE SET counted_up_to = greatest(workload_coverage.counted_up_to, EXCLUDED.counted_up_to)")) {
            ps.setString(1, clusterId);
            ps.setTimestamp(2, Timestamp.from(countedUpTo));
            ps.executeUpdate();
        }
    }

    /** Adds each hour's workload to what is stored for that hour. */
    public void add(Connection c, String clusterId, Map<Instant, Workload> hours) throws SQLException {
        for (Map.Entry<Instant, Workload> hour : hours.entrySet()) {
            Workload merged = hour.getValue();
            try (PreparedStatement ps = c.prepareStatement("SELECT facts FROM workload_hour WHERE cluster_id = ? AND hour = ? FOR UPDATE")) {
                ps.setString(1, clusterId);
                ps.setTimestamp(2, Timestamp.from(hour.getKey()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) merged = parse(rs.getString(1)).add(merged);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO workload_hour (cluster_id, hour, facts) VALUES (?, ?, ?) "
                    + "ON CONFLICT (cluster_id, hour) DO UPDATE SET facts = EXCLUDED.facts")) {
                ps.setString(1, clusterId);
                ps.setTimestamp(2, Timestamp.from(hour.getKey()));
                ps.setString(3, format(merged));
                ps.executeUpdate();
            }
        }
    }

    /** An hour as stored in {@code workload_hour.facts}. */
    String format(Workload hour) {
        return json.write(hour);
    }

    /** An hour read back from {@code workload_hour.facts}. */
    Workload parse(String facts) {
        return json.read(facts, WORKLOAD);
    }
}
