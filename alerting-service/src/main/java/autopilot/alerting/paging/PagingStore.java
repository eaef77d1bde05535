package autopilot.alerting.paging;

import autopilot.events.PageSent;
import autopilot.events.Severity;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Paging state in PostgreSQL: incidents, the two-stage page outbox and the suppressed-repeats log. */
@ApplicationScoped
public class PagingStore {

    private static final String INCIDENT = "SELECT is_open, paged, last_problem_page_at FROM incident WHERE fingerprint = ? FOR UPDATE";
    private static final String SAVE_INCIDENT = "INSERT INTO incident (fingerprint, cluster_id, category, is_open, paged, "
            + "last_problem_page_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET "
            + "is_open = EXCLUDED.is_open, paged = EXCLUDED.paged, last_problem_page_at = EXCLUDED.last_problem_page_at, "
            + "updated_at = EXCLUDED.updated_at";
    private static final String ADD_CANDIDATE = "INSERT INTO page_candidate (cluster_id, fingerprint, kind, severity, category, "
            + "title, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ADD_SUPPRESSED = "INSERT INTO suppressed_repeat (cluster_id, fingerprint, event_id, event_type, "
            + "reason, suppressed_at) VALUES (?, ?, ?, ?, ?, ?)";
    // A cluster's candidates go out when the burst is over (nothing new for the quiet period) or held too long.
    private static final String READY_CLUSTERS = "SELECT cluster_id FROM page_candidate WHERE page_id IS NULL GROUP BY cluster_id "
            + "HAVING max(created_at) <= ? OR min(created_at) <= ?";
    private static final String PENDING = "SELECT id, cluster_id, fingerprint, kind, severity, category, title, body "
            + "FROM page_candidate WHERE page_id IS NULL AND cluster_id = ? ORDER BY id FOR UPDATE SKIP LOCKED";
    private static final String SAVE_PAGE = "INSERT INTO page (page_id, cluster_id, kind, severity, category, subject, body, "
            + "fingerprints, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ASSIGN = "UPDATE page_candidate SET page_id = ? WHERE id = ANY (?)";
    private static final String UNSENT = "SELECT page_id, cluster_id, kind, severity, category, subject, body, fingerprints, "
            + "created_at, sent_at, attempts, last_error FROM page WHERE sent_at IS NULL ORDER BY created_at, page_id LIMIT ? "
            + "FOR UPDATE SKIP LOCKED";
    private static final String MARK_SENT = "UPDATE page SET sent_at = ?, message_id = ?, attempts = attempts + 1, last_error = NULL "
            + "WHERE page_id = ?";
    private static final String MARK_FAILED = "UPDATE page SET attempts = attempts + 1, last_error = ? WHERE page_id = ?";
    private static final String RECENT_PAGES = "SELECT page_id, cluster_id, kind, severity, category, subject, body, fingerprints, "
            + "created_at, sent_at, attempts, last_error FROM page WHERE (? IS NULL OR cluster_id = ?) "
            + "ORDER BY created_at DESC LIMIT ?";
    private static final String RECENT_SUPPRESSED = "SELECT cluster_id, fingerprint, event_id, event_type, reason, suppressed_at "
            + "FROM suppressed_repeat WHERE (? IS NULL OR cluster_id = ?) ORDER BY suppressed_at DESC, id DESC LIMIT ?";

    /** A composed page and how its delivery went. */
    public record StoredPage(String clusterId, PageSent page, Instant createdAt, @Nullable Instant sentAt, int attempts,
                             @Nullable String lastError) {
    }

    /** A repeat that did not page. */
    public record Suppressed(String clusterId, String fingerprint, UUID eventId, String eventType, String reason,
                             Instant suppressedAt) {
    }

    Optional<Incident> incidentForUpdate(Connection c, String fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INCIDENT)) {
            ps.setString(1, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp last = rs.getTimestamp(3);
                return Optional.of(new Incident(fingerprint, rs.getBoolean(1), rs.getBoolean(2),
                        last == null ? null : last.toInstant()));
            }
        }
    }

    void saveIncident(Connection c, Signal signal, Incident incident, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SAVE_INCIDENT)) {
            ps.setString(1, incident.fingerprint());
            ps.setString(2, signal.clusterId());
            ps.setString(3, signal.category());
            ps.setBoolean(4, incident.open());
            ps.setBoolean(5, incident.paged());
            ps.setTimestamp(6, incident.lastProblemPageAt() == null ? null : Timestamp.from(incident.lastProblemPageAt()));
            ps.setTimestamp(7, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    void addCandidate(Connection c, Signal signal, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADD_CANDIDATE)) {
            ps.setString(1, signal.clusterId());
            ps.setString(2, signal.fingerprint());
            ps.setString(3, (signal.type() == Signal.Type.PROBLEM ? PageSent.Kind.PROBLEM : PageSent.Kind.RESOLVED).name());
            ps.setString(4, signal.severity().name());
            ps.setString(5, signal.category());
            ps.setString(6, signal.title());
            ps.setString(7, signal.body());
            ps.setTimestamp(8, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    void addSuppressed(Connection c, Signal signal, UUID eventId, String reason, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADD_SUPPRESSED)) {
            ps.setString(1, signal.clusterId());
            ps.setString(2, signal.fingerprint());
            ps.setObject(3, eventId);
            ps.setString(4, signal.eventType());
            ps.setString(5, reason);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    List<String> readyClusters(Connection c, Instant quietSince, Instant heldSince) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READY_CLUSTERS)) {
            ps.setTimestamp(1, Timestamp.from(quietSince));
            ps.setTimestamp(2, Timestamp.from(heldSince));
            List<String> clusters = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    clusters.add(rs.getString(1));
                }
            }
            return clusters;
        }
    }

    List<PageComposer.Candidate> pendingCandidates(Connection c, String clusterId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PENDING)) {
            ps.setString(1, clusterId);
            List<PageComposer.Candidate> candidates = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new PageComposer.Candidate(rs.getLong(1), rs.getString(2), rs.getString(3),
                            PageSent.Kind.valueOf(rs.getString(4)), Severity.valueOf(rs.getString(5)), rs.getString(6),
                            rs.getString(7), rs.getString(8)));
                }
            }
            return candidates;
        }
    }

    void savePage(Connection c, String clusterId, PageSent page, List<Long> candidateIds, Instant now) throws SQLException {
        UUID pageId = UUID.fromString(page.pageId());
        try (PreparedStatement ps = c.prepareStatement(SAVE_PAGE)) {
            ps.setObject(1, pageId);
            ps.setString(2, clusterId);
            ps.setString(3, page.kind().name());
            ps.setString(4, page.severity().name());
            ps.setString(5, page.category());
            ps.setString(6, page.subject());
            ps.setString(7, page.body());
            ps.setArray(8, c.createArrayOf("text", page.fingerprints().toArray()));
            ps.setTimestamp(9, Timestamp.from(now));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(ASSIGN)) {
            ps.setObject(1, pageId);
            ps.setArray(2, c.createArrayOf("bigint", candidateIds.toArray()));
            ps.executeUpdate();
        }
    }

    List<StoredPage> unsentForUpdate(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UNSENT)) {
            ps.setInt(1, limit);
            return pages(ps);
        }
    }

    void markSent(Connection c, String pageId, String messageId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARK_SENT)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, messageId);
            ps.setObject(3, UUID.fromString(pageId));
            ps.executeUpdate();
        }
    }

    void markFailed(Connection c, String pageId, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARK_FAILED)) {
            ps.setString(1, error);
            ps.setObject(2, UUID.fromString(pageId));
            ps.executeUpdate();
        }
    }

    public List<StoredPage> recentPages(Connection c, @Nullable String clusterId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECENT_PAGES)) {
            ps.setString(1, clusterId);
            ps.setString(2, clusterId);
            ps.setInt(3, limit);
            return pages(ps);
        }
    }

    public List<Suppressed> recentSuppressed(Connection c, @Nullable String clusterId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECENT_SUPPRESSED)) {
            ps.setString(1, clusterId);
            ps.setString(2, clusterId);
            ps.setInt(3, limit);
            List<Suppressed> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Suppressed(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
            }
            return all;
        }
    }

    static List<StoredPage> pages(PreparedStatement ps) throws SQLException {
        List<StoredPage> pages = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Array fingerprints = rs.getArray(8);
                PageSent page = new PageSent(rs.getObject(1, UUID.class).toString(), PageSent.Kind.valueOf(rs.getString(3)),
                        Severity.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        Arrays.asList((String[]) fingerprints.getArray()));
                Timestamp sent = rs.getTimestamp(10);
                pages.add(new StoredPage(rs.getString(2), page, rs.getTimestamp(9).toInstant(),
                        sent == null ? null : sent.toInstant(), rs.getInt(11), rs.getString(12)));
            }
        }
        return pages;
    }
}
