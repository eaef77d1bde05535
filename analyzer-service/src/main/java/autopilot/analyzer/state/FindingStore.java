package autopilot.analyzer.state;

import autopilot.analyzer.lifecycle.Transition;
import autopilot.events.EventCodec;
import autopilot.events.Finding;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Writes finding transitions; reading is {@link FindingQuery}'s, so read-only callers never hold this. */
@ApplicationScoped
public class FindingStore {

    private final StateJson json;

    FindingStore(EventCodec codec) {
        this.json = new StateJson(codec.mapper());
    }

    /**
     * Writes one finding transition and, for a raise, an update or a resolve, its {@code finding_event} (the history
     * people see on the console), in the caller's transaction; the same change written twice leaves one event.
     */
    public void apply(Connection c, String clusterId, Transition t, Instant now) throws SQLException {
        Finding f = t.finding();
        boolean resolved = t instanceof Transition.Resolved;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO finding (fingerprint, cluster_id, category, severity, status, "
                + "first_seen, last_seen, resolved_at, resolve_reason, body, benefit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (fingerprint) DO UPDATE SET severity = EXCLUDED.severity, status = EXCLUDED.status, "
                + "first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen, resolved_at = EXCLUDED.resolved_at, "
                + "resolve_reason = EXCLUDED.resolve_reason, body = EXCLUDED.body, benefit = EXCLUDED.benefit")) {
            ps.setString(1, f.fingerprint());
            ps.setString(2, clusterId);
            ps.setString(3, f.category().name());
            ps.setString(4, f.severity().name());
            ps.setString(5, resolved ? "RESOLVED" : "OPEN");
            ps.setTimestamp(6, Timestamp.from(f.firstSeen()));
            ps.setTimestamp(7, Timestamp.from(f.lastSeen()));
            ps.setTimestamp(8, resolved ? Timestamp.from(now) : null);
            ps.setString(9, resolved ? ((Transition.Resolved) t).reason() : null);
            ps.setString(10, json.write(f));
            ps.setObject(11, f.benefit() == null ? null : f.benefit().value());
            ps.executeUpdate();
        }
        if (t instanceof Transition.Refreshed) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO finding_event (fingerprint, cluster_id, kind, occurred_at, severity, "
                + "previous_severity, title, reason, snapshot_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, f.fingerprint());
            ps.setString(2, clusterId);
            ps.setString(3, t instanceof Transition.Raised ? "RAISED" : t instanceof Transition.Updated ? "UPDATED" : "RESOLVED");
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, f.severity().name());
            ps.setString(6, t instanceof Transition.Updated u ? u.previousSeverity().name() : null);
            ps.setString(7, f.title());
            ps.setString(8, resolved ? ((Transition.Resolved) t).reason() : null);
            ps.setObject(9, f.snapshotId());
            ps.executeUpdate();
        }
    }
}
