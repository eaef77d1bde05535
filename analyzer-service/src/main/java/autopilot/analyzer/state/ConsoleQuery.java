package autopilot.analyzer.state;

import autopilot.analyzer.model.Workload;
import autopilot.events.EventCodec;
import autopilot.events.Finding;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console's pages read, read only, each in one or two statements: clusters at a glance, a page of a cluster's
 * open findings (filtered, counted and sorted in the database, so a cluster of thousands of findings parses only the
 * rows shown), a finding's history, and the series its chart draws.
 */
@ApplicationScoped
public class ConsoleQuery {

    private static final TypeReference<Finding> FINDING = new TypeReference<>() { };
    private static final TypeReference<Map<String, Workload.QueueHour>> QUEUE_HOURS = new TypeReference<>() { };

    private final StateJson json;

    ConsoleQuery(EventCodec codec) {
        this.json = new StateJson(codec.mapper());
    }

    /** A cluster at a glance: open findings by severity, its last analysis, and how old its data was then. */
    public record ClusterSummary(String clusterId, int critical, int warning, int info, Instant lastAnalyzed, Instant workloadUpTo,
                                 Instant tablesObservedAt) {
    }

    /** Which open findings of a cluster to list; null criteria match any value. {@code sort}: benefit, severity or newest. */
    public record Page(String clusterId, String severity, String category, String sort, long offset, int limit) {
    }

    /** One page of a cluster's open findings and the counts around it. */
    public record FindingPage(List<Finding> findings, long total, Map<String, Integer> byCategory, Map<String, Integer> bySeverity) {
    }

    /** One change in a finding's life. */
    public record FindingEvent(String kind, Instant at, String severity, String previousSeverity, String title, String reason) {
    }

    /** A table's stored observations, oldest first (NaN where a metric was not reported). */
    public record TableSeries(long[] epochSeconds, double[] unsortedPct, double[] statsOffPct, double[] skewRows) {
    }

    private static final String SEVERITY_RANK = "CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END";

    public List<ClusterSummary> clusters(Connection c) throws SQLException {
        List<ClusterSummary> clusters = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("WITH ids AS (SELECT cluster_id FROM finding UNION SELECT cluster_id FROM "
                + "analyzed_snapshot UNION SELECT cluster_id FROM workload_coverage UNION SELECT cluster_id FROM cluster_tables), "
                + "open AS (SELECT cluster_id, count(*) FILTER (WHERE severity = 'CRITICAL') AS critical, "
                + "count(*) FILTER (WHERE severity = 'WARNING') AS warning, count(*) FILTER (WHERE severity = 'INFO') AS info "
                + "FROM finding WHERE status = 'OPEN' GROUP BY cluster_id), "
                + "analysed AS (SELECT cluster_id, max(analyzed_at) AS at FROM analyzed_snapshot GROUP BY cluster_id) "
                + "SELECT i.cluster_id, coalesce(o.critical, 0), coalesce(o.warning, 0), coalesce(o.info, 0), a.at, w.counted_up_to, "
                + "t.observed_at FROM ids i LEFT JOIN open o USING (cluster_id) LEFT JOIN analysed a USING (cluster_id) "
                + "LEFT JOIN workload_coverage w USING (cluster_id) LEFT JOIN cluster_tables t USING (cluster_id) ORDER BY i.cluster_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                clusters.add(new ClusterSummary(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), Jdbc.instant(rs, 5),
                        Jdbc.instant(rs, 6), Jdbc.instant(rs, 7)));
            }
        }
        return clusters;
    }

    public Optional<ClusterSummary> cluster(Connection c, String clusterId) throws SQLException {
        return clusters(c).stream().filter(s -> s.clusterId().equals(clusterId)).findFirst();
    }

    /**
     * A page of the cluster's open findings. The counts by category honour the severity filter and those by severity the
     * category filter, so each says what choosing it would show.
     */
    public FindingPage openFindings(Connection c, Page page) throws SQLException {
        String order = switch (page.sort()) {
            case "severity" -> SEVERITY_RANK + ", benefit DESC NULLS LAST, fingerprint";
            case "newest" -> "first_seen DESC, fingerprint";
            default -> "benefit DESC NULLS LAST, " + SEVERITY_RANK + ", fingerprint";
        };
        List<Finding> rows = new ArrayList<>();
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT body, count(*) OVER () FROM finding WHERE cluster_id = ? AND status = 'OPEN' "
                + "AND (?::text IS NULL OR severity = ?) AND (?::text IS NULL OR category = ?) ORDER BY " + order + " LIMIT ? OFFSET ?")) {
            bind(ps, page);
            ps.setInt(6, page.limit());
            ps.setLong(7, page.offset());
            try (ResultSet rs = ps.executeQuery()) {
                total = 0;
                while (rs.next()) {
                    rows.add(json.read(rs.getString(1), FINDING));
                    total = rs.getLong(2);
                }
            }
        }
        if (rows.isEmpty() && page.offset() > 0) total = count(c, page);
        Map<String, Integer> byCategory = new LinkedHashMap<>();
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT category, severity, count(*) FROM finding WHERE cluster_id = ? "
                + "AND status = 'OPEN' GROUP BY category, severity ORDER BY category, " + SEVERITY_RANK)) {
            ps.setString(1, page.clusterId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String category = rs.getString(1);
                    String severity = rs.getString(2);
                    int n = rs.getInt(3);
                    if (page.severity() == null || page.severity().equals(severity)) byCategory.merge(category, n, Integer::sum);
                    if (page.category() == null || page.category().equals(category)) bySeverity.merge(severity, n, Integer::sum);
                }
            }
        }
        return new FindingPage(rows, total, byCategory, bySeverity);
    }

    private long count(Connection c, Page page) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM finding WHERE cluster_id = ? AND status = 'OPEN' "
                + "AND (?::text IS NULL OR severity = ?) AND (?::text IS NULL OR category = ?)")) {
            bind(ps, page);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement ps, Page page) throws SQLException {
        ps.setString(1, page.clusterId());
        ps.setString(2, page.severity());
        ps.setString(3, page.severity());
        ps.setString(4, page.category());
        ps.setString(5, page.category());
    }

    /** The cluster's open findings of the given categories, by subject then fingerprint (table design advice, grouped by table). */
    public List<Finding> openOfCategories(Connection c, String clusterId, List<String> categories) throws SQLException {
        List<Finding> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT body FROM finding WHERE cluster_id = ? AND status = 'OPEN' "
                + "AND category = ANY(?) ORDER BY fingerprint")) {
            ps.setString(1, clusterId);
            ps.setArray(2, c.createArrayOf("text", categories.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) found.add(json.read(rs.getString(1), FINDING));
            }
        }
        return found;
    }

    /** A finding's raises, updates and resolves, oldest first. */
    public List<FindingEvent> events(Connection c, String fingerprint) throws SQLException {
        List<FindingEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, occurred_at, severity, previous_severity, title, reason "
                + "FROM finding_event WHERE fingerprint = ? ORDER BY occurred_at, CASE kind WHEN 'RAISED' THEN 0 WHEN 'UPDATED' THEN 1 ELSE 2 END")) {
            ps.setString(1, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new FindingEvent(rs.getString(1), Jdbc.instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
        }
        return events;
    }

    /** A table's last observation of every hour since {@code since}, oldest first. */
    public TableSeries tableSeries(Connection c, String clusterId, long tableId, Instant since) throws SQLException {
        List<double[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ON (date_trunc('hour', observed_at)) extract(epoch FROM observed_at), "
                + "coalesce(unsorted_pct, 'NaN'), coalesce(stats_off_pct, 'NaN'), coalesce(skew_rows, 'NaN') FROM table_metric_history "
                + "WHERE cluster_id = ? AND table_id = ? AND observed_at >= ? ORDER BY date_trunc('hour', observed_at), observed_at DESC")) {
            ps.setString(1, clusterId);
            ps.setLong(2, tableId);
            ps.setTimestamp(3, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
            }
        }
        long[] t = new long[rows.size()];
        double[] u = new double[rows.size()];
        double[] s = new double[rows.size()];
        double[] k = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            t[i] = (long) rows.get(i)[0];
            u[i] = rows.get(i)[1];
            s[i] = rows.get(i)[2];
            k[i] = rows.get(i)[3];
        }
        return new TableSeries(t, u, s, k);
    }

    /** The last manual VACUUM and the last ANALYZE of a table, as stored (what resets its forecasts). */
    public Instant[] lastMaintenance(Connection c, String clusterId, long tableId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CASE WHEN last_vacuum IS DISTINCT FROM last_auto_vacuum THEN last_vacuum END, "
                + "last_analyze FROM table_maintenance WHERE cluster_id = ? AND table_id = ?")) {
            ps.setString(1, clusterId);
            ps.setLong(2, tableId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Instant[]{Jdbc.instant(rs, 1), Jdbc.instant(rs, 2)} : new Instant[2];
            }
        }
    }

    /**
     * One WLM queue's hours since {@code since}, oldest first: only the {@code queueHours} part of each stored hour is
     * read (PostgreSQL extracts it), not the hour's patterns and tables.
     */
    public List<Workload.QueueHour> queueHours(Connection c, String clusterId, int serviceClass, Instant since) throws SQLException {
        List<Workload.QueueHour> hours = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT facts::jsonb -> 'queueHours' FROM workload_hour WHERE cluster_id = ? "
                + "AND hour >= ? ORDER BY hour")) {
            ps.setString(1, clusterId);
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String part = rs.getString(1);
                    if (part == null) continue;
                    for (Workload.QueueHour q : json.read(part, QUEUE_HOURS).values()) {
                        if (q.serviceClass == serviceClass) hours.add(q);
                    }
                }
            }
        }
        return hours;
    }
}
