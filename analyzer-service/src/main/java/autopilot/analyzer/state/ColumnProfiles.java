package autopilot.analyzer.state;

import autopilot.analyzer.model.ColumnProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest profile of each column the collector profiled: kept because a table is profiled about daily, while
 * design advice runs on every snapshot.
 */
@ApplicationScoped
public class ColumnProfiles {

    /** Table id -> column -> its latest stored profile. */
    public Map<Long, Map<String, ColumnProfile>> latest(Connection c, String clusterId) throws SQLException {
        Map<Long, Map<String, ColumnProfile>> profiles = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_id, column_name, profiled_rows, non_null_rows, distinct_values, "
                + "top_value_rows, max_octet_length, profiled_at FROM column_profile WHERE cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ColumnProfile p = new ColumnProfile(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            (Long) rs.getObject(6, Long.class), (Integer) rs.getObject(7, Integer.class), Jdbc.instant(rs, 8));
                    profiles.computeIfAbsent(p.tableId(), k -> new HashMap<>()).put(p.column(), p);
                }
            }
        }
        return profiles;
    }

    /** Keeps the newer of the stored and the given profile of each column. */
    public void save(Connection c, String clusterId, List<ColumnProfile> profiles) throws SQLException {
        if (profiles.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO column_profile (cluster_id, table_id, column_name, profiled_rows, "
                + "non_null_rows, distinct_values, top_value_rows, max_octet_length, profiled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (cluster_id, table_id, column_name) DO UPDATE SET profiled_rows = EXCLUDED.profiled_rows, "
                + "non_null_rows = EXCLUDED.non_null_rows, distinct_values = EXCLUDED.distinct_values, "
                + "top_value_rows = EXCLUDED.top_value_rows, max_octet_length = EXCLUDED.max_octet_length, profiled_at = EXCLUDED.profiled_at "
                + "WHERE column_profile.profiled_at IS NULL OR EXCLUDED.profiled_at >= column_profile.profiled_at")) {
            for (ColumnProfile p : profiles) {
                ps.setString(1, clusterId);
                ps.setLong(2, p.tableId());
                ps.setString(3, p.column());
                ps.setLong(4, p.profiledRows());
                ps.setLong(5, p.nonNullRows());
                ps.setLong(6, p.distinctValues());
                ps.setObject(7, p.topValueRows());
                ps.setObject(8, p.maxOctetLength());
                ps.setTimestamp(9, Jdbc.ts(p.profiledAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Forgets the profiles of tables SVV_TABLE_INFO no longer lists: dropped or emptied, either way the profiles describe
     * data that is gone. Reloaded, a table is profiled afresh. The collector publishes profiles only for tables in the
     * catalog, under their current ids.
     */
    public void forgetTablesOtherThan(Connection c, String clusterId, Collection<Long> present) throws SQLException {
        Jdbc.deleteTablesOtherThan(c, "column_profile", clusterId, present);
    }
}
