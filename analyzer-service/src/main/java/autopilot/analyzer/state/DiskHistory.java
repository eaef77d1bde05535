package autopilot.analyzer.state;

import autopilot.analyzer.model.OnCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Disk use per node at each snapshot that carried it: the series the disk forecast fits. A point per snapshot rather
 * than per hour, because a disk can fill within hours; loaded only for snapshots with the disk source, over the
 * forecast's lookback.
 */
@ApplicationScoped
public class DiskHistory {

    /**
     * What to load for a snapshot's disk finding.
     *
     * @param since     from when (the forecast's lookback)
     * @param topTables how many of the tables that grew most to name; 0 when the finding cannot be raised on the share
     */
    public record Request(Instant since, int topTables) {

        /** Nothing: for snapshots without the disk source. */
        public static final Request NONE = new Request(Instant.MAX, 0);
    }

    /** The fullest node's used share at each stored snapshot since {@code since}, oldest first. */
    public List<OnCall.DiskPoint> since(Connection c, String clusterId, Instant since) throws SQLException {
        List<OnCall.DiskPoint> points = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT observed_at, max(100.0 * used_mb / capacity_mb) FROM disk_history "
                + "WHERE cluster_id = ? AND observed_at >= ? AND capacity_mb > 0 GROUP BY observed_at ORDER BY observed_at")) {
            ps.setString(1, clusterId);
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) points.add(new OnCall.DiskPoint(Jdbc.instant(rs, 1), rs.getDouble(2)));
            }
        }
        return points;
    }

    /** Stores a snapshot's nodes; the same snapshot stored again changes nothing. */
    public void save(Connection c, String clusterId, Instant observedAt, List<OnCall.NodeDisk> nodes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO disk_history (cluster_id, observed_at, node, used_mb, capacity_mb) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (OnCall.NodeDisk n : nodes) {
                ps.setString(1, clusterId);
                ps.setTimestamp(2, Timestamp.from(observedAt));
                ps.setInt(3, n.node());
                ps.setLong(4, Math.max(0, n.usedMb() - n.tossedMb()));
                ps.setLong(5, n.capacityMb());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
