package autopilot.maintenance.state;

import autopilot.events.EventPayload;
import autopilot.events.MaintenanceRequested;
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
                insert.setString(4, item.table().database() + "." + item.table().schema() + "." + item.table().table());
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
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE work_run SET state = ?, statements = ?, outcome = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, state.name().toLowerCase(java.util.Locale.ROOT));
                ps.setString(2, statements == null || statements.isEmpty() ? null : String.join("; ", statements));
                ps.setString(3, detail);
                ps.setTimestamp(4, Timestamp.from(clock.instant()));
                ps.setLong(5, runId);
                ps.executeUpdate();
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
