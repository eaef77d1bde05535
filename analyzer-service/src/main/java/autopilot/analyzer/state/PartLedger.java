package autopilot.analyzer.state;

import autopilot.events.SnapshotPartCollected;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which snapshot parts have arrived (with their JSON until their snapshot is analysed) and which snapshots were
 * analysed: what makes a re-delivered part change nothing and a snapshot analysed once. Every method works on the
 * caller's connection, inside the caller's transaction.
 */
@ApplicationScoped
public class PartLedger {

    /** Records a part with its JSON; false when it was already there (re-delivery). */
    public boolean recordPart(Connection c, String clusterId, SnapshotPartCollected part, String body, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO processed_part (cluster_id, snapshot_id, source, part_number, "
                + "part_count, row_count, received_at, body, snapshot_sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, clusterId);
            ps.setObject(2, part.snapshotId());
            ps.setString(3, part.source());
            ps.setInt(4, part.partNumber());
            ps.setInt(5, part.partCount());
            ps.setInt(6, part.rows().size());
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setString(8, body);
            List<String> sources = part.snapshotSources() == null ? List.of(part.source()) : part.snapshotSources();
            ps.setArray(9, c.createArrayOf("text", sources.toArray()));
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether every part of every source the snapshot names has arrived. */
    public boolean complete(Connection c, String clusterId, UUID snapshotId) throws SQLException {
        List<String> expected = null;
        record Arrived(int parts, int partCount) {
        }
        Map<String, Arrived> have = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT source, count(body), max(part_count), max(snapshot_sources) "
                + "FROM processed_part WHERE cluster_id = ? AND snapshot_id = ? GROUP BY source")) {
            ps.setString(1, clusterId);
            ps.setObject(2, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    have.put(rs.getString(1), new Arrived(rs.getInt(2), rs.getInt(3)));
                    Array sources = rs.getArray(4);
                    if (sources != null && expected == null) expected = List.of((String[]) sources.getArray());
                }
            }
        }
        if (expected == null) return false;
        for (String source : expected) {
            Arrived h = have.get(source);
            if (h == null || h.parts() < h.partCount()) return false;
        }
        return true;
    }

    /** Serialises analyses of one cluster across threads and service instances, until commit. */
    public void lockCluster(Connection c, String clusterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, "analyzer:" + clusterId);
            ps.execute();
        }
    }

    public boolean analyzed(Connection c, String clusterId, UUID snapshotId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM analyzed_snapshot WHERE cluster_id = ? AND snapshot_id = ?")) {
            ps.setString(1, clusterId);
            ps.setObject(2, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The JSON of a snapshot's parts: queries first (the rows of other workload sources join to
     * them as they are read, {@code SnapshotParts}), then by source and part number.
     */
    public List<String> partBodies(Connection c, String clusterId, UUID snapshotId) throws SQLException {
        List<String> bodies = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT body FROM processed_part WHERE cluster_id = ? AND snapshot_id = ? "
                + "AND body IS NOT NULL ORDER BY source <> 'queries', source, part_number")) {
            ps.setString(1, clusterId);
            ps.setObject(2, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) bodies.add(rs.getString(1));
            }
        }
        return bodies;
    }

    /** Records a snapshot as analysed, with what its analysis left, and drops its parts' JSON (the parts stay as keys). */
    public void markAnalyzed(Connection c, String clusterId, UUID snapshotId, int openFindings, int workItems, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO analyzed_snapshot (cluster_id, snapshot_id, analyzed_at, "
                + "findings_open, work_items) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, clusterId);
            ps.setObject(2, snapshotId);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setInt(4, openFindings);
            ps.setInt(5, workItems);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE processed_part SET body = NULL WHERE cluster_id = ? AND snapshot_id = ?")) {
            ps.setString(1, clusterId);
            ps.setObject(2, snapshotId);
            ps.executeUpdate();
        }
    }
}
