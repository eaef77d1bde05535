package autopilot.analyzer.state;

import autopilot.events.EventCodec;
import autopilot.events.MaintenanceRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The maintenance work requested per cluster, by deduplication id: what keeps the same work from being asked for too often. */
@ApplicationScoped
public class RequestedWork {

    private final StateJson json;

    RequestedWork(EventCodec codec) {
        this.json = new StateJson(codec.mapper());
    }

    /** Deduplication id -> when that work was last requested. */
    public Map<String, Instant> requestedAt(Connection c, String clusterId) throws SQLException {
        Map<String, Instant> requested = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT deduplication_id, requested_at FROM work_item WHERE cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) requested.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
        }
        return requested;
    }

    /** Records work items as requested now. */
    public void record(Connection c, String clusterId, List<MaintenanceRequested> items, Instant now) throws SQLException {
        for (MaintenanceRequested item : items) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO work_item (cluster_id, deduplication_id, work_item_id, "
                    + "requested_at, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (cluster_id, deduplication_id) DO UPDATE SET "
                    + "work_item_id = EXCLUDED.work_item_id, requested_at = EXCLUDED.requested_at, body = EXCLUDED.body")) {
                ps.setString(1, clusterId);
                ps.setString(2, item.deduplicationId());
                ps.setString(3, item.workItemId());
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setString(5, json.write(item));
                ps.executeUpdate();
            }
        }
    }
}
