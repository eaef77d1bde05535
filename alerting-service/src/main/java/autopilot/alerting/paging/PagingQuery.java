package autopilot.alerting.paging;

import jakarta.annotation.Nullable;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Paging state read for the console: pages (filtered by cluster and severity), suppressed repeats and open incidents,
 * a page of rows at a time with the size of the whole list, and per cluster what it has. Read-only.
 */
@ApplicationScoped
public class PagingQuery {

    private static final String PAGE_COLUMNS = "page_id, cluster_id, kind, severity, category, subject, body, fingerprints, "
            + "created_at, sent_at, attempts, last_error";
    private static final String PAGE_FILTER = " WHERE (?::text IS NULL OR cluster_id = ?) AND (?::text IS NULL OR severity = ?)";
    private static final String PAGES = "SELECT " + PAGE_COLUMNS + " FROM page" + PAGE_FILTER + " ORDER BY created_at DESC, page_id OFFSET ? LIMIT ?";
    private static final String PAGES_COUNT = "SELECT count(*) FROM page" + PAGE_FILTER;
    private static final String PAGE = "SELECT " + PAGE_COLUMNS + " FROM page WHERE page_id = ?";
    private static final String SUPPRESSED = "SELECT cluster_id, fingerprint, event_id, event_type, reason, suppressed_at FROM suppressed_repeat "
            + "WHERE (?::text IS NULL OR cluster_id = ?) ORDER BY suppressed_at DESC, id DESC OFFSET ? LIMIT ?";
    private static final String SUPPRESSED_COUNT = "SELECT count(*) FROM suppressed_repeat WHERE (?::text IS NULL OR cluster_id = ?)";
    private static final String INCIDENTS = "SELECT fingerprint, cluster_id, category, paged, last_problem_page_at, updated_at FROM incident "
            + "WHERE is_open AND (?::text IS NULL OR cluster_id = ?) ORDER BY updated_at DESC, fingerprint OFFSET ? LIMIT ?";
    private static final String INCIDENTS_COUNT = "SELECT count(*) FROM incident WHERE is_open AND (?::text IS NULL OR cluster_id = ?)";
    private static final String CLUSTERS = "SELECT cluster_id, sum(pages), sum(unsent), max(last_page), sum(suppressed), sum(incidents) FROM ("
            + "SELECT cluster_id, count(*) pages, count(*) FILTER (WHERE sent_at IS NULL) unsent, max(created_at) last_page, 0 suppressed, 0 incidents "
            + "FROM page GROUP BY cluster_id UNION ALL "
            + "SELECT cluster_id, 0, 0, NULL, count(*), 0 FROM suppressed_repeat GROUP BY cluster_id UNION ALL "
            + "SELECT cluster_id, 0, 0, NULL, 0, count(*) FROM incident WHERE is_open GROUP BY cluster_id) x GROUP BY cluster_id";

    /** An incident still open: a problem that paged (or was suppressed as a repeat) and has not resolved. */
    public record OpenIncident(String fingerprint, String clusterId, String category, boolean paged, @Nullable Instant lastProblemPageAt,
                               Instant updatedAt) {
    }

    /** What alerting holds of a cluster (pages and suppressed repeats within retention). */
    public record ClusterCounts(String clusterId, long pages, long unsent, @Nullable Instant lastPageAt, long suppressed, long openIncidents) {
    }

    /** One page of a list and the size of the whole list. */
    public record Slice<T>(List<T> rows, long total) {
    }

    public Map<String, ClusterCounts> clusters(Connection c) throws SQLException {
        Map<String, ClusterCounts> all = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(CLUSTERS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp last = rs.getTimestamp(4);
                all.put(rs.getString(1), new ClusterCounts(rs.getString(1), rs.getLong(2), rs.getLong(3), last == null ? null : last.toInstant(),
                        rs.getLong(5), rs.getLong(6)));
            }
        }
        return all;
    }

    /** Pages newest first, of one cluster and one severity or all. */
    public Slice<PagingStore.StoredPage> pages(Connection c, @Nullable String clusterId, @Nullable String severity, long offset, int limit)
            throws SQLException {
        long total;
        try (PreparedStatement ps = c.prepareStatement(PAGES_COUNT)) {
            filter(ps, clusterId, severity);
            total = count(ps);
        }
        try (PreparedStatement ps = c.prepareStatement(PAGES)) {
            filter(ps, clusterId, severity);
            ps.setLong(5, offset);
            ps.setInt(6, limit);
            return new Slice<>(PagingStore.pages(ps), total);
        }
    }

    public Optional<PagingStore.StoredPage> page(Connection c, UUID pageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PAGE)) {
            ps.setObject(1, pageId);
            return PagingStore.pages(ps).stream().findFirst();
        }
    }

    public Slice<PagingStore.Suppressed> suppressed(Connection c, @Nullable String clusterId, long offset, int limit) throws SQLException {
        return slice(c, SUPPRESSED_COUNT, SUPPRESSED, clusterId, offset, limit, rs -> new PagingStore.Suppressed(rs.getString(1),
                rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
    }

    public Slice<OpenIncident> openIncidents(Connection c, @Nullable String clusterId, long offset, int limit) throws SQLException {
        return slice(c, INCIDENTS_COUNT, INCIDENTS, clusterId, offset, limit, rs -> {
            Timestamp last = rs.getTimestamp(5);
            return new OpenIncident(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                    last == null ? null : last.toInstant(), rs.getTimestamp(6).toInstant());
        });
    }

    /** One row of a result. */
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * A page of rows of one cluster or all: {@code countSql} and {@code pageSql} both take the cluster id twice
     * ({@code ? IS NULL OR cluster_id = ?}), {@code pageSql} then the offset and the limit.
     */
    private static <T> Slice<T> slice(Connection c, String countSql, String pageSql, @Nullable String clusterId, long offset, int limit,
                                      RowReader<T> reader) throws SQLException {
        long total;
        try (PreparedStatement ps = c.prepareStatement(countSql)) {
            ps.setString(1, clusterId);
            ps.setString(2, clusterId);
            total = count(ps);
        }
        List<T> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(pageSql)) {
            ps.setString(1, clusterId);
            ps.setString(2, clusterId);
            ps.setLong(3, offset);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
        }
        return new Slice<>(rows, total);
    }

    private static void filter(PreparedStatement ps, String clusterId, String severity) throws SQLException {
        ps.setString(1, clusterId);
        ps.setString(2, clusterId);
        ps.setString(3, severity);
        ps.setString(4, severity);
    }

    private static long count(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
