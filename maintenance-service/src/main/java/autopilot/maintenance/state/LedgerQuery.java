package autopilot.maintenance.state;

import autopilot.events.TableHealth;
import jakarta.annotation.Nullable;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run ledger read for the console: work items waiting and running (every instance's, from {@code work_item} and
 * {@code work_run}), runs with their before/after figures, one item with its attempts. Read-only; pages and counts in
 * PostgreSQL so long lists cost one page of rows.
 */
@ApplicationScoped
public class LedgerQuery {

    /** Run states as {@code work_run.state} spells them, for the runs filter. */
    public static final List<String> STATES = List.of("running", "completed", "skipped", "postponed", "failed", "abandoned");

    private static final String ITEM_COLUMNS = "i.work_item_id, i.cluster_id, i.table_name, i.work, i.priority, i.urgent, i.fingerprints, "
            + "i.reason, i.requested_at, i.received_at, i.last_received_at, i.waits_for, i.done_at, i.done_state, "
            + "last.state, last.outcome, last.updated_at";
    private static final String LAST_RUN = " LEFT JOIN LATERAL (SELECT state, outcome, updated_at FROM work_run r "
            + "WHERE r.work_item_id = i.work_item_id ORDER BY r.updated_at DESC, r.id DESC LIMIT 1) last ON true";
    private static final String NOT_RUNNING = " AND NOT EXISTS (SELECT 1 FROM work_run r WHERE r.work_item_id = i.work_item_id AND r.state = 'running')";
    private static final String WAITING = "SELECT " + ITEM_COLUMNS + " FROM work_item i" + LAST_RUN
            + " WHERE i.cluster_id = ? AND i.done_at IS NULL" + NOT_RUNNING
            + " ORDER BY i.urgent DESC, i.priority DESC, i.requested_at, i.work_item_id OFFSET ? LIMIT ?";
    private static final String WAITING_COUNT = "SELECT count(*) FROM work_item i WHERE i.cluster_id = ? AND i.done_at IS NULL" + NOT_RUNNING;
    private static final String ITEM = "SELECT " + ITEM_COLUMNS + " FROM work_item i" + LAST_RUN + " WHERE i.work_item_id = ?";
    private static final String RUN_COLUMNS = "r.id, r.work_item_id, r.cluster_id, r.table_name, r.state, r.code, r.outcome, r.statements, "
            + "r.instance, r.started_at, r.updated_at, r.duration_ms, r.before_unsorted_pct, r.before_stats_off_pct, r.before_rows, "
            + "r.before_size_mb, r.after_unsorted_pct, r.after_stats_off_pct, r.after_rows, r.after_size_mb, i.priority, i.urgent";
    private static final String RUNS = "SELECT " + RUN_COLUMNS + " FROM work_run r LEFT JOIN work_item i ON i.work_item_id = r.work_item_id "
            + "WHERE r.cluster_id = ? AND (?::text IS NULL OR r.state = ?) ORDER BY r.updated_at DESC, r.id DESC OFFSET ? LIMIT ?";
    private static final String RUNS_COUNT = "SELECT count(*) FROM work_run r WHERE r.cluster_id = ? AND (?::text IS NULL OR r.state = ?)";
    private static final String RUNS_OF_ITEM = "SELECT " + RUN_COLUMNS + " FROM work_run r LEFT JOIN work_item i ON i.work_item_id = r.work_item_id "
            + "WHERE r.work_item_id = ? ORDER BY r.started_at, r.id";
    private static final String COUNTS = "SELECT cluster_id, "
            + "count(*) FILTER (WHERE state = 'running'), "
            + "count(*) FILTER (WHERE state = 'completed' AND updated_at >= ?), "
            + "count(*) FILTER (WHERE state = 'skipped' AND updated_at >= ?), "
            + "count(*) FILTER (WHERE state = 'failed' AND updated_at >= ?), "
            + "max(updated_at) FROM work_run GROUP BY cluster_id";
    private static final String WAITING_COUNTS = "SELECT i.cluster_id, count(*) FROM work_item i WHERE i.done_at IS NULL" + NOT_RUNNING
            + " GROUP BY i.cluster_id";
    private static final String KNOWN = "SELECT EXISTS (SELECT 1 FROM work_item WHERE cluster_id = ?) OR EXISTS (SELECT 1 FROM work_run WHERE cluster_id = ?)";

    /** A work item as received, with its latest attempt (null fields when never attempted). */
    public record Item(String workItemId, String clusterId, String table, String work, double priority, boolean urgent,
                       List<String> fingerprints, @Nullable String reason, Instant requestedAt, Instant receivedAt, Instant lastReceivedAt,
                       @Nullable Instant waitsFor, @Nullable Instant doneAt, @Nullable String doneState, @Nullable String lastState,
                       @Nullable String lastOutcome, @Nullable Instant lastAt) {
    }

    /** One attempt; {@code before}/{@code after} only for completed runs; priority and urgency when the item is known. */
    public record Run(long id, String workItemId, String clusterId, String table, String state, @Nullable String code,
                      @Nullable String outcome, @Nullable String statements, String instance, Instant startedAt, Instant updatedAt,
                      @Nullable Long durationMillis, @Nullable TableHealth before, @Nullable TableHealth after, @Nullable Double priority,
                      @Nullable Boolean urgent) {
    }

    /** A cluster's counts: items waiting and runs running now, runs of the last day by state, the latest run. */
    public record Counts(int waiting, int running, int completed, int skipped, int failed, @Nullable Instant lastRunAt) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, null);
    }

    /** One page of a list and the size of the whole list. */
    public record Slice<T>(List<T> rows, long total) {
    }

    /** Per cluster with a ledger, its counts; runs counted from {@code since}. */
    public Map<String, Counts> counts(Connection c, Instant since) throws SQLException {
        Map<String, Counts> all = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(COUNTS)) {
            for (int i = 1; i <= 3; i++) ps.setTimestamp(i, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.put(rs.getString(1), new Counts(0, rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), instant(rs, 6)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(WAITING_COUNTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Counts k = all.getOrDefault(rs.getString(1), Counts.NONE);
                all.put(rs.getString(1), new Counts(rs.getInt(2), k.running(), k.completed(), k.skipped(), k.failed(), k.lastRunAt()));
            }
        }
        return all;
    }

    /** Whether the ledger has anything of the cluster. */
    public boolean knows(Connection c, String clusterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(KNOWN)) {
            ps.setString(1, clusterId);
            ps.setString(2, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Items not done and not running, urgent first, then by priority, then oldest. */
    public Slice<Item> waiting(Connection c, String clusterId, long offset, int limit) throws SQLException {
        long total;
        try (PreparedStatement ps = c.prepareStatement(WAITING_COUNT)) {
            ps.setString(1, clusterId);
            total = count(ps);
        }
        try (PreparedStatement ps = c.prepareStatement(WAITING)) {
            ps.setString(1, clusterId);
            ps.setLong(2, offset);
            ps.setInt(3, limit);
            return new Slice<>(items(ps), total);
        }
    }

    /** The cluster's runs still marked running (every instance's; one that died shows until the item comes back). */
    public List<Run> running(Connection c, String clusterId) throws SQLException {
        return runs(c, clusterId, "running", 0, 100).rows();
    }

    /** The cluster's runs, newest first, of one state or all. */
    public Slice<Run> runs(Connection c, String clusterId, @Nullable String state, long offset, int limit) throws SQLException {
        long total;
        try (PreparedStatement ps = c.prepareStatement(RUNS_COUNT)) {
            ps.setString(1, clusterId);
            ps.setString(2, state);
            ps.setString(3, state);
            total = count(ps);
        }
        try (PreparedStatement ps = c.prepareStatement(RUNS)) {
            ps.setString(1, clusterId);
            ps.setString(2, state);
            ps.setString(3, state);
            ps.setLong(4, offset);
            ps.setInt(5, limit);
            return new Slice<>(runs(ps), total);
        }
    }

    public Optional<Item> item(Connection c, String workItemId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ITEM)) {
            ps.setString(1, workItemId);
            List<Item> found = items(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** Every attempt at the item, oldest first. */
    public List<Run> runsOf(Connection c, String workItemId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RUNS_OF_ITEM)) {
            ps.setString(1, workItemId);
            return runs(ps);
        }
    }

    private static long count(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Item> items(PreparedStatement ps) throws SQLException {
        List<Item> items = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Array fingerprints = rs.getArray(7);
                items.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getBoolean(6),
                        Arrays.asList((String[]) fingerprints.getArray()), rs.getString(8), instant(rs, 9), instant(rs, 10), instant(rs, 11),
                        instant(rs, 12), instant(rs, 13), rs.getString(14), rs.getString(15), rs.getString(16), instant(rs, 17)));
            }
        }
        return items;
    }

    private static List<Run> runs(PreparedStatement ps) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                runs.add(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11), (Long) rs.getObject(12),
                        health(rs, 13), health(rs, 17), (Double) rs.getObject(21), (Boolean) rs.getObject(22)));
            }
        }
        return runs;
    }

    private static TableHealth health(ResultSet rs, int from) throws SQLException {
        Double unsorted = (Double) rs.getObject(from);
        Double statsOff = (Double) rs.getObject(from + 1);
        Long rows = (Long) rs.getObject(from + 2);
        Long size = (Long) rs.getObject(from + 3);
        return unsorted == null && statsOff == null && rows == null && size == null ? null : new TableHealth(unsorted, statsOff, rows, size);
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }
}
