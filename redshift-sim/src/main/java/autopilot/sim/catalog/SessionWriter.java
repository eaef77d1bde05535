package autopilot.sim.catalog;

import static autopilot.sim.catalog.ActivityContext.set;
import static autopilot.sim.catalog.ActivityContext.utc;

import autopilot.sim.model.Activity;
import autopilot.sim.model.Scenario;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Sessions and what happens in them: the connection log (STL/SYS_CONNECTION_LOG), open sessions
 * (STV_SESSIONS), their cursors (STV_ACTIVE_CURSORS), serializable conflicts (STL_TR_CONFLICT),
 * commits the workload does not list (STL_COMMIT_STATS) and changes to users (SYS_USERLOG).
 */
final class SessionWriter {

    private static final String CONNECTION_LOG = "INSERT INTO redshift_sim.connection_log VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final ActivityContext c;
    private final Activity activity;

    SessionWriter(ActivityContext context) {
        this.c = context;
        this.activity = context.activity();
    }

    void write() throws SQLException {
        writeSessions();
        writeCursors();
        writeConflicts();
        writeCommits();
        writeUserlog();
    }

    /**
     * A session logs {@code authenticated} and {@code initiating session} as it starts and
     * {@code disconnecting session} (with its length) as it ends; an open one is in STV_SESSIONS.
     * A refused login logs {@code authentication failure} only.
     */
    private void writeSessions() throws SQLException {
        try (PreparedStatement log = c.db().prepareStatement(CONNECTION_LOG);
             PreparedStatement open = c.db().prepareStatement("INSERT INTO redshift_sim.stv_sessions VALUES (?,?,?,?,?)")) {
            for (Activity.Session s : activity.sessions()) {
                Instant start = c.now().minus(s.ago());
                logEvent(log, "authenticated", start, s, 0);
                logEvent(log, "initiating session", start, s, 0);
                if (s.ended() == null) {
                    set(open, utc(start), s.pid(), s.user(), s.database(), s.timeoutSeconds());
                    open.addBatch();
                } else {
                    Instant end = c.now().minus(s.ended());
                    // duration is an integer of microseconds: sessions longer than ~35 minutes stay at its maximum.
                    long micros = Duration.between(start, end).toNanos() / 1000;
                    logEvent(log, "disconnecting session", end, s, (int) Math.min(Integer.MAX_VALUE, micros));
                }
            }
            for (int i = 0; i < activity.authFailures().size(); i++) {
                Activity.AuthFailure f = activity.authFailures().get(i);
                Activity.Session attempt = new Activity.Session(f.user(), f.database(), f.ago(), f.ago(), 45_000 + i, f.application(),
                        f.remoteHost(), "", false, 0);
                logEvent(log, "authentication failure", c.now().minus(f.ago()), attempt, 0);
            }
            log.executeBatch();
            open.executeBatch();
        }
    }

    private static void logEvent(PreparedStatement ps, String event, Instant at, Activity.Session s, int duration) throws SQLException {
        // Redshift's own drivers negotiate an extended protocol (3); libpq clients such as psql stay at 0.
        int protocol = s.driver().isEmpty() ? 0 : 3;
        String sessionId = UUID.nameUUIDFromBytes(("session " + s.pid() + " " + s.ago()).getBytes(StandardCharsets.UTF_8)).toString();
        set(ps, event, utc(at), s.remoteHost(), Integer.toString(30_000 + s.pid() % 30_000), s.pid(), s.database(), s.user(), "password",
                duration, s.ssl() ? "TLSv1.2" : "", s.ssl() ? "ECDHE-RSA-AES256-GCM-SHA384" : "", 1500, "", "", "",
                ActivityContext.cut(s.application(), 250), "", ActivityContext.cut(s.driver(), 64), "", protocol, sessionId);
        ps.addBatch();
    }

    /** A cursor belongs to the open transaction of its session when SVV_TRANSACTIONS has one, else to a transaction of its own. */
    private void writeCursors() throws SQLException {
        if (activity.cursors().isEmpty()) {
            return;
        }
        Map<Integer, Long> transactions = new HashMap<>();
        try (ResultSet rs = c.db().createStatement().executeQuery("SELECT DISTINCT pid, xid FROM redshift_sim.svv_transactions")) {
            while (rs.next()) {
                transactions.put(rs.getInt(1), rs.getLong(2));
            }
        }
        long[] fresh = c.xids(activity.cursors().size());
        try (PreparedStatement ps = c.db().prepareStatement("INSERT INTO redshift_sim.stv_active_cursors VALUES (?,?,?,?,?,?,?,?)")) {
            for (int i = 0; i < activity.cursors().size(); i++) {
                Activity.Cursor cursor = activity.cursors().get(i);
                set(ps, c.userId(cursor.user()), ActivityContext.cut(cursor.name(), 256), transactions.getOrDefault(cursor.pid(), fresh[i]),
                        cursor.pid(), utc(c.now().minus(cursor.ago())), cursor.rows(), cursor.bytes(), cursor.fetchedRows());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeConflicts() throws SQLException {
        long[] xids = c.xids(activity.conflicts().size());
        try (PreparedStatement ps = c.db().prepareStatement("INSERT INTO redshift_sim.stl_tr_conflict VALUES (?,?,?,?,?)")) {
            for (int i = 0; i < activity.conflicts().size(); i++) {
                Activity.Conflict conflict = activity.conflicts().get(i);
                Instant aborted = c.now().minus(conflict.ago());
                set(ps, xids[i], (long) conflict.pid(), utc(aborted.minus(conflict.ran())), utc(aborted), (long) c.tableId(conflict.table()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeCommits() throws SQLException {
        if (activity.commits().isEmpty()) {
            return;
        }
        long[] xids = c.xids(activity.commits().size());
        long[] permBlocks = c.blocksPerNode();
        try (PreparedStatement ps = c.db().prepareStatement("INSERT INTO redshift_sim.stl_commit_stats VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (int i = 0; i < activity.commits().size(); i++) {
                Activity.Commit commit = activity.commits().get(i);
                c.commit(ps, xids[i], c.now().minus(commit.ago()), commit.queueMillis(), commit.commitMillis(), commit.newBlocks(),
                        commit.queueLength(), permBlocks);
            }
            ps.executeBatch();
        }
    }

    /** A user the scenario has keeps its id; a dropped or renamed-away one gets an id of its own. */
    private void writeUserlog() throws SQLException {
        long[] xids = c.xids(activity.userlog().size());
        try (PreparedStatement ps = c.db().prepareStatement("INSERT INTO redshift_sim.sys_userlog VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            for (int i = 0; i < activity.userlog().size(); i++) {
                Activity.UserChange change = activity.userlog().get(i);
                Scenario.User user = c.scenario().users().stream().filter(u -> u.name().equals(change.user())).findFirst().orElse(null);
                int id = c.userIds().getOrDefault(change.user(), 500 + i);
                int superuser = user != null && user.superuser() ? 1 : 0;
                set(ps, id, ActivityContext.cut(change.user(), 50), change.originalName() == null ? "" : ActivityContext.cut(change.originalName(), 50),
                        change.action(), superuser, superuser, superuser, null, 0, xids[i], utc(c.now().minus(change.ago())));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
