package autopilot.analyzer.state;

import autopilot.analyzer.engine.Outcome;
import autopilot.analyzer.engine.PriorState;
import autopilot.analyzer.lifecycle.Transition;
import autopilot.analyzer.model.ColumnProfile;
import autopilot.analyzer.model.TableHistory;
import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.events.Finding;
import autopilot.events.MaintenanceRequested;
import autopilot.events.SnapshotPartCollected;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The analyzer's state in PostgreSQL. Every method works on the caller's connection, so one
 * analysis reads, decides and writes (findings, hours, work items, outbox) in one transaction.
 */
public final class StateStore {

    private final ObjectMapper json;

    public StateStore(ObjectMapper json) {
        this.json = json;
    }

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
        Map<String, int[]> have = new HashMap<>(); // source -> {parts, partCount}
        try (PreparedStatement ps = c.prepareStatement("SELECT source, count(body), max(part_count), max(snapshot_sources) "
                + "FROM processed_part WHERE cluster_id = ? AND snapshot_id = ? GROUP BY source")) {
            ps.setString(1, clusterId);
            ps.setObject(2, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    have.put(rs.getString(1), new int[]{rs.getInt(2), rs.getInt(3)});
                    Array sources = rs.getArray(4);
                    if (sources != null && expected == null) expected = List.of((String[]) sources.getArray());
                }
            }
        }
        if (expected == null) return false;
        for (String source : expected) {
            int[] h = have.get(source);
            if (h == null || h[0] < h[1]) return false;
        }
        return true;
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

    /** Serialises analyses of one cluster across threads and service instances, until commit. */
    public void lockCluster(Connection c, String clusterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            ps.setString(1, "analyzer:" + clusterId);
            ps.execute();
        }
    }

    public List<String> partBodies(Connection c, String clusterId, UUID snapshotId) throws SQLException {
        List<String> bodies = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT body FROM processed_part WHERE cluster_id = ? AND snapshot_id = ? "
                + "AND body IS NOT NULL ORDER BY source, part_number")) {
            ps.setString(1, clusterId);
            ps.setObject(2, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) bodies.add(rs.getString(1));
            }
        }
        return bodies;
    }

    /** What is known before analysing a snapshot of the cluster, without table history. */
    public PriorState prior(Connection c, String clusterId, Instant windowStart) throws SQLException {
        return prior(c, clusterId, windowStart, null);
    }

    /**
     * What is known before analysing a snapshot of the cluster, with the history of every table.
     *
     * @param historyFrom load each table's observations since then (the last of each hour), or null for none
     */
    public PriorState prior(Connection c, String clusterId, Instant windowStart, Instant historyFrom) throws SQLException {
        return prior(c, clusterId, windowStart, historyFrom, null);
    }

    /**
     * What is known before analysing a snapshot of the cluster.
     *
     * @param historyFrom   load each table's observations since then (the last of each hour), or null for none
     * @param historyTables the tables whose history to load, or null for all
     */
    public PriorState prior(Connection c, String clusterId, Instant windowStart, Instant historyFrom,
                            java.util.Collection<Long> historyTables) throws SQLException {
        List<TableState> tables = List.of();
        try (PreparedStatement ps = c.prepareStatement("SELECT tables FROM cluster_tables WHERE cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) tables = read(rs.getString(1), new TypeReference<List<TableState>>() { });
            }
        }
        Map<Instant, Workload> hours = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT hour, facts FROM workload_hour WHERE cluster_id = ? AND hour >= ?")) {
            ps.setString(1, clusterId);
            ps.setTimestamp(2, Timestamp.from(windowStart.minusSeconds(3600)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) hours.put(rs.getTimestamp(1).toInstant(), read(rs.getString(2), new TypeReference<Workload>() { }));
            }
        }
        Map<Long, Instant[]> maintenance = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_id, last_vacuum, last_auto_vacuum, last_analyze, last_auto_analyze "
                + "FROM table_maintenance WHERE cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    maintenance.put(rs.getLong(1), new Instant[]{instant(rs, 2), instant(rs, 3), instant(rs, 4), instant(rs, 5)});
                }
            }
        }
        Map<String, Instant> requested = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT deduplication_id, requested_at FROM work_item WHERE cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) requested.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
        }
        Instant countedUpTo = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT counted_up_to FROM workload_coverage WHERE cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) countedUpTo = rs.getTimestamp(1).toInstant();
            }
        }
        return new PriorState(tables, hours, maintenance, openFindings(c, clusterId), requested, countedUpTo,
                historyFrom == null ? Map.of() : history(c, clusterId, historyFrom, historyTables), profiles(c, clusterId));
    }

    /** Each table's (of {@code tables}, or every table when null) last observation of every hour since {@code from}, oldest first. */
    Map<Long, TableHistory> history(Connection c, String clusterId, Instant from, java.util.Collection<Long> tables)
            throws SQLException {
        if (tables != null && tables.isEmpty()) {
            return Map.of();
        }
        Map<Long, TableHistory> history = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_id, array_agg(extract(epoch FROM observed_at)::bigint "
                + "ORDER BY observed_at), array_agg(coalesce(unsorted_pct, 'NaN') ORDER BY observed_at), "
                + "array_agg(coalesce(stats_off_pct, 'NaN') ORDER BY observed_at) FROM (SELECT DISTINCT ON (table_id, "
                + "date_trunc('hour', observed_at)) table_id, observed_at, unsorted_pct, stats_off_pct FROM table_metric_history "
                + "WHERE cluster_id = ? AND observed_at >= ? AND (?::bigint[] IS NULL OR table_id = ANY(?::bigint[])) "
                + "ORDER BY table_id, date_trunc('hour', observed_at), observed_at DESC) h GROUP BY table_id")) {
            ps.setString(1, clusterId);
            ps.setTimestamp(2, Timestamp.from(from));
            java.sql.Array ids = tables == null ? null : c.createArrayOf("bigint", tables.toArray());
            ps.setArray(3, ids);
            ps.setArray(4, ids);
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

    private static Map<Long, Map<String, ColumnProfile>> profiles(Connection c, String clusterId) throws SQLException {
        Map<Long, Map<String, ColumnProfile>> profiles = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_id, column_name, profiled_rows, non_null_rows, distinct_values, "
                + "top_value_rows, max_octet_length, profiled_at FROM column_profile WHERE cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ColumnProfile p = new ColumnProfile(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            (Long) rs.getObject(6, Long.class), (Integer) rs.getObject(7, Integer.class), instant(rs, 8));
                    profiles.computeIfAbsent(p.tableId(), k -> new HashMap<>()).put(p.column(), p);
                }
            }
        }
        return profiles;
    }

    public Map<String, Finding> openFindings(Connection c, String clusterId) throws SQLException {
        Map<String, Finding> open = new LinkedHashMap<>();
        for (Finding f : findings(c, clusterId, "OPEN", null, null)) open.put(f.fingerprint(), f);
        return open;
    }

    /** Findings filtered by any of cluster, status, severity, category (null = any), newest first. */
    public List<Finding> findings(Connection c, String clusterId, String status, String severity, String category) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT body FROM finding WHERE true");
        List<String> values = new ArrayList<>();
        for (String[] filter : new String[][]{{"cluster_id", clusterId}, {"status", status}, {"severity", severity}, {"category", category}}) {
            if (filter[1] != null) {
                sql.append(" AND ").append(filter[0]).append(" = ?");
                values.add(filter[1]);
            }
        }
        sql.append(" ORDER BY last_seen DESC, fingerprint");
        List<Finding> findings = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) ps.setString(i + 1, values.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) findings.add(read(rs.getString(1), new TypeReference<Finding>() { }));
            }
        }
        return findings;
    }

    /** One finding with its status and resolution, or null. */
    public StoredFinding finding(Connection c, String fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT body, status, resolved_at, resolve_reason FROM finding WHERE fingerprint = ?")) {
            ps.setString(1, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new StoredFinding(read(rs.getString(1), new TypeReference<Finding>() { }), rs.getString(2),
                        instant(rs, 3), rs.getString(4)) : null;
            }
        }
    }

    /** A finding as stored, with its status. */
    public record StoredFinding(Finding finding, String status, Instant resolvedAt, String resolveReason) {
    }

    /** Writes one finding transition. */
    public void apply(Connection c, String clusterId, Transition t, Instant now) throws SQLException {
        Finding f = t.finding();
        boolean resolved = t instanceof Transition.Resolved;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO finding (fingerprint, cluster_id, category, severity, status, "
                + "first_seen, last_seen, resolved_at, resolve_reason, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (fingerprint) DO UPDATE SET severity = EXCLUDED.severity, status = EXCLUDED.status, "
                + "first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen, resolved_at = EXCLUDED.resolved_at, "
                + "resolve_reason = EXCLUDED.resolve_reason, body = EXCLUDED.body")) {
            ps.setString(1, f.fingerprint());
            ps.setString(2, clusterId);
            ps.setString(3, f.category().name());
            ps.setString(4, f.severity().name());
            ps.setString(5, resolved ? "RESOLVED" : "OPEN");
            ps.setTimestamp(6, Timestamp.from(f.firstSeen()));
            ps.setTimestamp(7, Timestamp.from(f.lastSeen()));
            ps.setTimestamp(8, resolved ? Timestamp.from(now) : null);
            ps.setString(9, resolved ? ((Transition.Resolved) t).reason() : null);
            ps.setString(10, write(f));
            ps.executeUpdate();
        }
    }

    /** Stores everything an analysis changed except finding transitions and events. */
    public void save(Connection c, String clusterId, UUID snapshotId, Outcome outcome, Instant observedAt, Instant workloadTo,
                     Instant now) throws SQLException {
        if (workloadTo != null) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO workload_coverage (cluster_id, counted_up_to) VALUES (?, ?) "
                    + "ON CONFLICT (cluster_id) DO UPDATE SET counted_up_to = greatest(workload_coverage.counted_up_to, EXCLUDED.counted_up_to)")) {
                ps.setString(1, clusterId);
                ps.setTimestamp(2, Timestamp.from(workloadTo));
                ps.executeUpdate();
            }
        }
        for (Map.Entry<Instant, Workload> hour : outcome.workloadHours().entrySet()) {
            Workload merged = hour.getValue();
            try (PreparedStatement ps = c.prepareStatement("SELECT facts FROM workload_hour WHERE cluster_id = ? AND hour = ? FOR UPDATE")) {
                ps.setString(1, clusterId);
                ps.setTimestamp(2, Timestamp.from(hour.getKey()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) merged = read(rs.getString(1), new TypeReference<Workload>() { }).add(merged);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO workload_hour (cluster_id, hour, facts) VALUES (?, ?, ?) "
                    + "ON CONFLICT (cluster_id, hour) DO UPDATE SET facts = EXCLUDED.facts")) {
                ps.setString(1, clusterId);
                ps.setTimestamp(2, Timestamp.from(hour.getKey()));
                ps.setString(3, write(merged));
                ps.executeUpdate();
            }
        }
        if (outcome.tables() != null) {
            saveTables(c, clusterId, outcome.tables(), observedAt);
        }
        saveProfiles(c, clusterId, outcome.profiles());
        for (MaintenanceRequested item : outcome.plan().items()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO work_item (cluster_id, deduplication_id, work_item_id, "
                    + "requested_at, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (cluster_id, deduplication_id) DO UPDATE SET "
                    + "work_item_id = EXCLUDED.work_item_id, requested_at = EXCLUDED.requested_at, body = EXCLUDED.body")) {
                ps.setString(1, clusterId);
                ps.setString(2, item.deduplicationId());
                ps.setString(3, item.workItemId());
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setString(5, write(item));
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO analyzed_snapshot (cluster_id, snapshot_id, analyzed_at, "
                + "findings_open, work_items) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, clusterId);
            ps.setObject(2, snapshotId);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setInt(4, outcome.health().openFindings().values().stream().mapToInt(Integer::intValue).sum());
            ps.setInt(5, outcome.plan().items().size());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE processed_part SET body = NULL WHERE cluster_id = ? AND snapshot_id = ?")) {
            ps.setString(1, clusterId);
            ps.setObject(2, snapshotId);
            ps.executeUpdate();
        }
    }

    private void saveTables(Connection c, String clusterId, List<TableState> tables, Instant observedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_tables (cluster_id, observed_at, tables) VALUES (?, ?, ?) "
                + "ON CONFLICT (cluster_id) DO UPDATE SET observed_at = EXCLUDED.observed_at, tables = EXCLUDED.tables")) {
            ps.setString(1, clusterId);
            ps.setTimestamp(2, Timestamp.from(observedAt));
            ps.setString(3, write(tables));
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
                if (t.lastVacuum() != null || t.lastAnalyze() != null) {
                    maintenance.setString(1, clusterId);
                    maintenance.setLong(2, t.tableId());
                    maintenance.setTimestamp(3, ts(t.lastVacuum()));
                    maintenance.setTimestamp(4, ts(t.lastAutoVacuum()));
                    maintenance.setTimestamp(5, ts(t.lastAnalyze()));
                    maintenance.setTimestamp(6, ts(t.lastAutoAnalyze()));
                    maintenance.addBatch();
                }
            }
            history.executeBatch();
            maintenance.executeBatch();
        }
        forgetDroppedTables(c, clusterId, tables);
    }

    /**
     * A table id SVV_TABLE_INFO no longer lists was dropped or emptied (empty tables do not appear
     * there): either way its column profiles describe data that is gone, so they go with its
     * maintenance times (its history ages out with {@link Retention}). Reloaded, it is profiled
     * afresh and its times come with the next vacuum/analyze. The collector publishes profiles only for
     * tables in the catalog, under their current ids. {@code NOT IN (SELECT unnest(?))} is a hashed
     * subplan; {@code <> ALL (?)} compares each row with every id on PostgreSQL 14 (10,000 tables:
     * 176 ms against 3 ms, measured).
     */
    private static void forgetDroppedTables(Connection c, String clusterId, List<TableState> tables) throws SQLException {
        Array present = c.createArrayOf("bigint", tables.stream().map(TableState::tableId).toArray(Long[]::new));
        try (PreparedStatement profiles = c.prepareStatement("DELETE FROM column_profile WHERE cluster_id = ? "
                + "AND table_id NOT IN (SELECT unnest(?))");
             PreparedStatement maintenance = c.prepareStatement("DELETE FROM table_maintenance WHERE cluster_id = ? "
                     + "AND table_id NOT IN (SELECT unnest(?))")) {
            for (PreparedStatement ps : List.of(profiles, maintenance)) {
                ps.setString(1, clusterId);
                ps.setArray(2, present);
                ps.executeUpdate();
            }
        }
    }

    /** Keeps the newer of the stored and the given profile of each column. */
    private static void saveProfiles(Connection c, String clusterId, List<ColumnProfile> profiles) throws SQLException {
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
                ps.setTimestamp(9, ts(p.profiledAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write analyzer state as JSON: " + e.getMessage(), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored analyzer state is not readable (" + type.getType() + "): " + e.getMessage(), e);
        }
    }
}
