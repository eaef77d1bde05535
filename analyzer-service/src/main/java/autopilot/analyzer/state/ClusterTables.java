package autopilot.analyzer.state;

import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.TableHistory;
import autopilot.analyzer.model.TableMaintenance;
import autopilot.analyzer.model.TableState;
import autopilot.events.EventCodec;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster's tables: as the latest snapshot with table health showed them, each table's metrics over time (what
 * forecasts fit trends to), and when maintenance last ran on each (kept because SYS_VACUUM_HISTORY and
 * SYS_ANALYZE_HISTORY rotate out after days).
 */
@ApplicationScoped
public class ClusterTables {

    private static final TypeReference<List<TableState>> TABLES = new TypeReference<>() { };

    private final StateJson json;

    ClusterTables(EventCodec codec) {
        this.json = new StateJson(codec.mapper());
    }

    /** Whose history to load, and since when (the last observation of each hour). */
    public record HistoryRequest(Instant since, Collection<Long> tables) {

        /** No history: for snapshots without table health, which forecast nothing. */
        public static final HistoryRequest NONE = new HistoryRequest(Instant.MAX, List.of());
    }

    /** The tables as last stored; empty before the first snapshot with table health. */
    public List<TableState> latest(Connection c, String clusterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tables FROM cluster_tables WHERE cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? json.read(rs.getString(1), TABLES) : List.of();
            }
        }
    }

    /** Table id -> when maintenance last ran on it, as stored. */
    public Map<Long, TableMaintenance> maintenance(Connection c, String clusterId) throws SQLException {
        Map<Long, TableMaintenance> maintenance = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_id, last_vacuum, last_auto_vacuum, last_analyze, last_auto_analyze "
                + "FROM table_maintenance WHERE cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    maintenance.put(rs.getLong(1), new TableMaintenance(Jdbc.instant(rs, 2), Jdbc.instant(rs, 3), Jdbc.instant(rs, 4),
                            Jdbc.instant(rs, 5)));
                }
            }
        }
        return maintenance;
    }

    /** Each requested table's last observation of every hour since the requested time, oldest first. */
    public Map<Long, TableHistory> history(Connection c, String clusterId, HistoryRequest request) throws SQLException {
        if (request.tables().isEmpty()) {
            return Map.of();
        }
        Map<Long, TableHistory> history = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_id, array_agg(extract(epoch FROM observed_at)::bigint "
                + "ORDER BY observed_at), array_agg(coalesce(unsorted_pct, 'NaN') ORDER BY observed_at), "
                + "array_agg(coalesce(stats_off_pct, 'NaN') ORDER BY observed_at) FROM (SELECT DISTINCT ON (table_id, "
                + "date_trunc('hour', observed_at)) table_id, observed_at, unsorted_pct, stats_off_pct FROM table_metric_history "
                + "WHERE cluster_id = ? AND observed_at >= ? AND table_id = ANY(?::bigint[]) "
                + "ORDER BY table_id, date_trunc('hour', observed_at), observed_at DESC) h GROUP BY table_id")) {
            ps.setString(1, clusterId);
            ps.setTimestamp(2, Timestamp.from(request.since()));
            ps.setArray(3, c.createArrayOf("bigint", request.tables().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long[] times = (Long[]) rs.getArray(2).getArray();
                    Double[] unsorted = (Double[]) rs.getArray(3).getArray();
                    Double[] statsOff = (Double[]) rs.getArray(4).getArray();
                    long[] t = new long[times.length];
                    double[] u = new double[times.length];
                    double[] s = new double[times.length];
                    for (int i = 0; i < times.length; i++) {
                        t[i] = times[i];
                        u[i] = unsorted[i];
                        s[i] = statsOff[i];
                    }
                    history.put(rs.getLong(1), new TableHistory(t, u, s));
                }
            }
        }
        return history;
    }

    /**
     * The tables whose size grew most since {@code since}: first observation in that period against the latest, the
     * {@code top} largest growths. Read only for a disk finding, so a cluster whose disk is fine never scans its history.
     */
    public List<OnCall.TableGrowth> growth(Connection c, String clusterId, Instant since, int top) throws SQLException {
        List<OnCall.TableGrowth> grown = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_id, from_mb, to_mb, first_at FROM (SELECT table_id, "
                + "(array_agg(size_mb ORDER BY observed_at))[1] AS from_mb, (array_agg(size_mb ORDER BY observed_at DESC))[1] AS to_mb, "
                + "min(observed_at) AS first_at FROM table_metric_history WHERE cluster_id = ? AND observed_at >= ? GROUP BY table_id) g "
                + "WHERE to_mb > from_mb ORDER BY to_mb - from_mb DESC, table_id LIMIT ?")) {
            ps.setString(1, clusterId);
            ps.setTimestamp(2, Timestamp.from(since));
            ps.setInt(3, top);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) grown.add(new OnCall.TableGrowth(rs.getLong(1), rs.getLong(2), rs.getLong(3), Jdbc.instant(rs, 4)));
            }
        }
        return grown;
    }

    /**
     * Stores the tables of a snapshot with table health: as the latest, one observation each in their history, and
     * their maintenance times. A table id SVV_TABLE_INFO no longer lists was dropped or emptied (empty tables do not
     * appear there): its maintenance times go (its history ages out with {@link Retention}); reloaded, its times come
     * with the next vacuum/analyze.
     */
    public void save(Connection c, String clusterId, List<TableState> tables, Instant observedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_tables (cluster_id, observed_at, tables) VALUES (?, ?, ?) "
                + "ON CONFLICT (cluster_id) DO UPDATE SET observed_at = EXCLUDED.observed_at, tables = EXCLUDED.tables")) {
            ps.setString(1, clusterId);
            ps.setTimestamp(2, Timestamp.from(observedAt));
            ps.setString(3, json.write(tables));
            ps.executeUpdate();
        }
        try (PreparedStatement history = c.prepareStatement("INSERT INTO table_metric_history (cluster_id, table_id, observed_at, "
                + "unsorted_pct, stats_off_pct, rows, size_mb, skew_rows, deleted_rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING");
             PreparedStatement maintenance = c.prepareStatement("INSERT INTO table_maintenance (cluster_id, table_id, last_vacuum, "
                     + "last_auto_vacuum, last_analyze, last_auto_analyze) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cluster_id, table_id) "
                     + "DO UPDATE SET last_vacuum = EXCLUDED.last_vacuum, last_auto_vacuum = EXCLUDED.last_auto_vacuum, "
                     + "last_analyze = EXCLUDED.last_analyze, last_auto_analyze = EXCLUDED.last_auto_analyze")) {
            for (TableState t : tables) {
                history.setString(1, clusterId);
                history.setLong(2, t.tableId());
                history.setTimestamp(3, Timestamp.from(observedAt));
                history.setObject(4, t.unsortedPct());
                history.setObject(5, t.statsOffPct());
                history.setLong(6, t.rows());
                history.setLong(7, t.sizeMb());
                history.setObject(8, t.skewRows());
                history.setObject(9, t.estimatedVisibleRows() == null ? null : Math.max(0, t.rows() - t.estimatedVisibleRows()));
                history.addBatch();
                TableMaintenance m = t.maintenance();
                if (m.any()) {
                    maintenance.setString(1, clusterId);
                    maintenance.setLong(2, t.tableId());
                    maintenance.setTimestamp(3, Jdbc.ts(m.vacuum()));
                    maintenance.setTimestamp(4, Jdbc.ts(m.autoVacuum()));
                    maintenance.setTimestamp(5, Jdbc.ts(m.analyze()));
                    maintenance.setTimestamp(6, Jdbc.ts(m.autoAnalyze()));
                    maintenance.addBatch();
                }
            }
            history.executeBatch();
            maintenance.executeBatch();
        }
        Jdbc.deleteTablesOtherThan(c, "table_maintenance", clusterId, tables.stream().map(TableState::tableId).toList());
    }
}
