package autopilot.analyzer.state;

import autopilot.analyzer.model.UsageSeries;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage per cluster and UTC hour (table {@code usage_hour}) and from when it is known ({@code usage_coverage}): the
 * series the usage figures, trend and forecast read. A snapshot's hours replace the stored ones unless a newer
 * snapshot's already did, so storing the same snapshot again, or an older one late, changes nothing.
 */
@ApplicationScoped
public class UsageHours {

    /** The stored hours since {@code since}; null when the cluster has none. */
    public UsageSeries since(Connection c, String clusterId, Instant since) throws SQLException {
        Instant coveredFrom;
        Instant observedAt;
        try (PreparedStatement ps = c.prepareStatement("SELECT covered_from, observed_at FROM usage_coverage WHERE cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                coveredFrom = Jdbc.instant(rs, 1);
                observedAt = Jdbc.instant(rs, 2);
            }
        }
        Map<Instant, Double> rpu = new TreeMap<>();
        Map<Instant, Double> scaling = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT hour, rpu_seconds, scaling_seconds FROM usage_hour "
                + "WHERE cluster_id = ? AND hour >= ? ORDER BY hour")) {
            ps.setString(1, clusterId);
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant hour = Jdbc.instant(rs, 1);
                    double r = rs.getDouble(2);
                    if (!rs.wasNull()) rpu.put(hour, r);
                    double s = rs.getDouble(3);
                    if (!rs.wasNull()) scaling.put(hour, s);
                }
            }
        }
        return new UsageSeries(coveredFrom, new TreeMap<>(rpu), new TreeMap<>(scaling), observedAt);
    }

    /** Stores a snapshot's hours over the stored ones, unless a newer snapshot's are already there. */
    public void save(Connection c, String clusterId, UsageSeries read) throws SQLException {
        if (read == null) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_hour (cluster_id, hour, rpu_seconds, scaling_seconds, observed_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (cluster_id, hour) DO UPDATE SET rpu_seconds = EXCLUDED.rpu_seconds, "
                + "scaling_seconds = EXCLUDED.scaling_seconds, observed_at = EXCLUDED.observed_at "
                + "WHERE usage_hour.observed_at <= EXCLUDED.observed_at")) {
            TreeMap<Instant, Boolean> hours = new TreeMap<>();
            read.rpuSeconds().keySet().forEach(h -> hours.put(h, true));
            read.scalingSeconds().keySet().forEach(h -> hours.put(h, true));
            for (Instant h : hours.keySet()) {
                ps.setString(1, clusterId);
                ps.setTimestamp(2, Timestamp.from(h));
                setNullable(ps, 3, read.rpuSeconds().get(h));
                setNullable(ps, 4, read.scalingSeconds().get(h));
                ps.setTimestamp(5, Timestamp.from(read.observedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_coverage (cluster_id, covered_from, observed_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (cluster_id) DO UPDATE SET covered_from = least(usage_coverage.covered_from, EXCLUDED.covered_from), "
                + "observed_at = greatest(usage_coverage.observed_at, EXCLUDED.observed_at)")) {
            ps.setString(1, clusterId);
            ps.setTimestamp(2, Timestamp.from(read.coveredFrom()));
            ps.setTimestamp(3, Timestamp.from(read.observedAt()));
            ps.executeUpdate();
        }
    }

    private static void setNullable(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) ps.setNull(i, java.sql.Types.DOUBLE);
        else ps.setDouble(i, v);
    }
}
