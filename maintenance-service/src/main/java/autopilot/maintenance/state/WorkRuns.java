package autopilot.maintenance.state;

import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceFailed;
import autopilot.events.MaintenanceRequested;
import autopilot.events.MaintenanceSkipped;
import autopilot.events.TableHealth;
import autopilot.runtime.outbox.Outbox;
import autopilot.runtime.state.StateStoreException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of work-item attempts, shared by every instance (PostgreSQL, schema
 * {@code maintenance}): a run is started before the re-check and finished together with its outcome
 * event in one transaction, so an outcome exists exactly when its run record does, and a
 * deduplication id that completed once is known to every instance and survives restarts.
 */
@ApplicationScoped
public class WorkRuns {

    static final String PRODUCER = "maintenance-service";
    /** The outbox destination of every outcome event: the recommendations topic. */
    public static final String RECOMMENDATIONS = "RECOMMENDATIONS";

    /** How an attempt stands. */
    public enum State { RUNNING, COMPLETED, SKIPPED, POSTPONED, FAILED }

    /** A finished or running attempt, for the API. */
    public record Run(String workItemId, String table, String outcome, String detail, String statements, String instance,
                      Instant startedAt, Instant at) {
    }

    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    private final AgroalDataSource state;
    private final Outbox outbox;
    private final Clock clock;

    WorkRuns(AgroalDataSource state, Outbox outbox, Clock clock) {
        this.state = state;
        this.outbox = outbox;
        this.clock = clock;
    }

    private static final String RECEIVED = "INSERT INTO work_item (work_item_id, cluster_id, table_name, work, priority, urgent, "
            + "fingerprints, reason, requested_at, received_at, last_received_at, waits_for) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (work_item_id) DO UPDATE SET last_received_at = EXCLUDED.last_received_at, waits_for = EXCLUDED.waits_for";
    private static final String FINISH = "UPDATE work_run SET state = ?, statements = ?, outcome = ?, updated_at = ?, code = ?, "
            + "duration_ms = ?, before_unsorted_pct = ?, before_stats_off_pct = ?, before_rows = ?, before_size_mb = ?, "
            + "after_unsorted_pct = ?, after_stats_off_pct = ?, after_rows = ?, after_size_mb = ? WHERE id = ?";
    private static final String DONE = "UPDATE work_item SET done_at = ?, done_state = ?, waits_for = NULL "
            + "WHERE work_item_id = (SELECT work_item_id FROM work_run WHERE id = ?)";

    /**
     * Records that an instance received the item (for the console: items waiting for their window are known too);
     * {@code waitsFor} is the window opening it waits for, null when it may be attempted now.
     */
    public void received(String clusterId, EventEnvelope<MaintenanceRequested> event, Instant waitsFor) {
        MaintenanceRequested item = event.payload();
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = state.getConnection(); PreparedStatement ps = c.prepareStatement(RECEIVED)) {
            ps.setString(1, item.workItemId());
            ps.setString(2, clusterId);
            ps.setString(3, name(item));
            ps.setString(4, work(item));
            ps.setDouble(5, item.priority());
            ps.setBoolean(6, item.urgent());
            ps.setArray(7, c.createArrayOf("text", (item.fingerprints() == null ? List.<String>of() : item.fingerprints()).toArray()));
            ps.setString(8, item.reason());
            ps.setTimestamp(9, Timestamp.from(event.occurredAt()));
            ps.setTimestamp(10, now);
            ps.setTimestamp(11, now);
            ps.setTimestamp(12, waitsFor == null ? null : Timestamp.from(waitsFor));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("recording a received work item", e);
        }
    }

    /** The work an item asks for, for people: {@code VACUUM SORT ONLY TO 75 PERCENT, then ANALYZE PREDICATE COLUMNS}. */
    static String work(MaintenanceRequested item) {
        List<String> parts = new ArrayList<>();
        if (item.vacuum() != null) {
            parts.add("VACUUM " + item.vacuum().variant().sql() + (item.vacuum().toPercent() == null ? "" : " TO " + item.vacuum().toPercent() + " PERCENT")
                    + (item.vacuum().boost() ? " BOOST" : ""));
        }
        if (item.analyze() != null) {
            parts.add("ANALYZE " + item.analyze().columns().name().replace('_', ' '));
        }
        return parts.isEmpty() ? "nothing" : String.join(", then ", parts);
    }

    /** When the same work (cluster and deduplication id) completed, if at or after {@code since}. */
    public Optional<Instant> completedSince(String clusterId, String deduplicationId, Instant since) {
        try (Connection c = state.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT updated_at FROM work_run WHERE cluster_id = ? AND deduplication_id = ? AND state = 'completed' AND updated_at >= ?")) {
            ps.setString(1, clusterId);
            ps.setString(2, deduplicationId);
            ps.setTimestamp(3, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("reading completed runs", e);
        }
    }

    /**
     * Records that this instance starts an attempt; an earlier attempt of the item still marked
     * running belonged to an instance that died, and is marked abandoned. Returns the run's id.
     */
    public long start(String clusterId, MaintenanceRequested item) {
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection c = state.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement abandon = c.prepareStatement("UPDATE work_run SET state = 'abandoned', updated_at = ?, "
                    + "outcome = 'the instance running it stopped (' || instance || '); the item came back and was checked again' "
                    + "WHERE work_item_id = ? AND state = 'running'");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO work_run (work_item_id, cluster_id, deduplication_id, "
                         + "table_name, state, instance, started_at, updated_at) VALUES (?, ?, ?, ?, 'running', ?, ?, ?) RETURNING id")) {
                abandon.setTimestamp(1, now);
                abandon.setString(2, item.workItemId());
                abandon.executeUpdate();
                insert.setString(1, item.workItemId());
                insert.setString(2, clusterId);
                insert.setString(3, item.deduplicationId());
                insert.setString(4, name(item));
                insert.setString(5, INSTANCE);
                insert.setTimestamp(6, now);
                insert.setTimestamp(7, now);
                long id;
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                c.commit();
                return id;
            }
        } catch (SQLException e) {
            throw new StateStoreException("starting a run", e);
        }
    }

    /**
     * Ends a run and, in the same transaction, puts its outcome event (if any) into the outbox.
     * Returns false, writing nothing, when the run would complete work that another run already
     * completed (a duplicate the caller then reports as such).
     */
    public boolean finish(long runId, String clusterId, State state, List<String> statements, String detail, EventPayload event) {
        try (Connection c = this.state.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(FINISH); PreparedStatement done = c.prepareStatement(DONE)) {
                Instant now = clock.instant();
                ps.setString(1, state.name().toLowerCase(java.util.Locale.ROOT));
                ps.setString(2, statements == null || statements.isEmpty() ? null : String.join("; ", statements));
                ps.setString(3, detail);
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setString(5, code(event));
                MaintenanceCompleted completed = event instanceof MaintenanceCompleted m ? m : null;
                setLong(ps, 6, completed == null ? null : completed.durationMillis());
                health(ps, 7, completed == null ? null : completed.before());
                health(ps, 11, completed == null ? null : completed.after());
                ps.setLong(15, runId);
                ps.executeUpdate();
                boolean forGood = state == State.COMPLETED || state == State.SKIPPED
                        || (state == State.FAILED && event instanceof MaintenanceFailed f && !f.willRetry());
                if (forGood) {
                    done.setTimestamp(1, Timestamp.from(now));
                    done.setString(2, state == State.FAILED ? "dead-lettered" : state.name().toLowerCase(java.util.Locale.ROOT));
                    done.setLong(3, runId);
                    done.executeUpdate();
                }
                if (event != null) {
                    outbox.add(c, RECOMMENDATIONS, clusterId, PRODUCER, event, Outbox.Attributes.NONE);
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) {
                    return false; // work_run_completed_once: the same work completed meanwhile
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException("recording the outcome of run " + runId, e);
        }
    }

    private static String code(EventPayload event) {
        if (event instanceof MaintenanceCompleted) return "OK";
        if (event instanceof MaintenanceSkipped s) return s.code().name();
        if (event instanceof MaintenanceFailed f) return f.errorClass();
        return null;
    }

    private static void health(PreparedStatement ps, int from, TableHealth h) throws SQLException {
        setDouble(ps, from, h == null ? null : h.unsortedPct());
        setDouble(ps, from + 1, h == null ? null : h.statsOffPct());
        setLong(ps, from + 2, h == null ? null : h.rows());
        setLong(ps, from + 3, h == null ? null : h.sizeMb());
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) ps.setNull(i, Types.DOUBLE); else ps.setDouble(i, v);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT); else ps.setLong(i, v);
    }

    private static String name(MaintenanceRequested item) {
        return item.table().database() + "." + item.table().schema() + "." + item.table().table();
    }

    /** The cluster's latest attempts, newest first, from every instance. */
    public List<Run> recent(String clusterId, int limit) {
        List<Run> runs = new ArrayList<>();
        try (Connection c = state.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT work_item_id, table_name, state, "
                + "outcome, statements, instance, started_at, updated_at FROM work_run WHERE cluster_id = ? "
                + "ORDER BY updated_at DESC, id DESC LIMIT ?")) {
            ps.setString(1, clusterId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new StateStoreException("reading recent runs", e);
        }
        return runs;
    }
}
