package autopilot.sim.maintenance;

import autopilot.sim.catalog.DatabaseNames;
import autopilot.sim.gateway.ConnectionInfo;
import autopilot.sim.gateway.Reply;
import autopilot.sim.gateway.StatementInterceptor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's interceptor for a simulated cluster: answers VACUUM, ANALYZE and Redshift-only
 * session settings as Redshift does (command tags, errors with SQLSTATE), lets everything else
 * through to PostgreSQL, and records every maintenance statement with its timing.
 */
public final class RedshiftStatements implements StatementInterceptor {
    private static final Logger log = LoggerFactory.getLogger(RedshiftStatements.class);

    private final MaintenanceEngine engine;
    private final String superuserUrl;
    private final Clock clock;
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final List<MaintenanceRun> runs = new CopyOnWriteArrayList<>();

    /**
     * @param postgresUrl              JDBC URL of the PostgreSQL underneath without a database, ending in {@code /}
     * @param modelDatabase            the scenario's default database, which holds the cluster's model
     * @param names                    the PostgreSQL databases underneath the cluster's (Redshift) databases
     * @param vacuumMegabytesPerSecond how fast a simulated VACUUM works through a table
     */
    public RedshiftStatements(String postgresUrl, String modelDatabase, DatabaseNames names, double vacuumMegabytesPerSecond,
                              Clock clock) {
        this.engine = new MaintenanceEngine(postgresUrl, modelDatabase, names, vacuumMegabytesPerSecond, clock);
        this.superuserUrl = postgresUrl + names.backend(modelDatabase);
        this.clock = clock;
    }

    /** Runs Redshift's background VACUUM DELETE ({@code [VacuumBG]}) on a table, as live mode does now and then. */
    public void automaticVacuumDelete(long tableId) throws SQLException {
        engine.automaticVacuumDelete(tableId);
    }

    /** Runs Redshift's automatic ANALYZE on a table. */
    public void automaticAnalyze(long tableId) throws SQLException {
        engine.automaticAnalyze(tableId);
    }

    /** Every maintenance statement answered so far, in the order they finished. */
    public List<MaintenanceRun> runs() {
        return List.copyOf(runs);
    }

    @Override
    public Reply intercept(ConnectionInfo conn, String sql) {
        Optional<Command> parsed;
        try {
            parsed = CommandParser.parse(sql);
        } catch (SqlError e) {
            return Reply.error(e.sqlState, e.getMessage());
        }
        if (parsed.isEmpty()) {
            return Reply.forward();
        }
        Session session = sessions.computeIfAbsent(conn.connectionId(), id -> new Session());
        Command command = parsed.get();
        if (command instanceof Command.StatementTimeout timeout) {
            session.statementTimeoutMillis(timeout.millis());
            return Reply.forward(); // PostgreSQL applies it to ordinary statements too
        }
        if (command instanceof Command.ShowParameter show) {
            // r_SHOW: one row, the parameter's name as column; an unset query_group shows "unset".
            return Reply.rewrite("SELECT " + literal(session.show(show.name())) + "::text AS " + show.name());
        }
        if (command instanceof Command.SetParameter set) {
            session.set(set.name(), set.value());
            return Reply.complete(set.value() == null ? "RESET" : "SET");
        }
        if (command instanceof Command.AnalyzeCompression compression) {
            return analyzeCompression(conn, sql, compression);
        }
        return Reply.deferred(inTransactionBlock -> run(conn, sql, command, session, inTransactionBlock));
    }

    /**
     * The session's client is gone: Redshift ends the session, and a VACUUM it was running is
     * aborted (rolled back, like a cancel or PG_TERMINATE_BACKEND) and frees the cluster's VACUUM slot.
     */
    @Override
    public void sessionEnded(ConnectionInfo conn) {
        Session session = sessions.remove(conn.connectionId());
        if (session != null) {
            session.end();
        }
    }

    private Reply run(ConnectionInfo conn, String sql, Command command, Session session, boolean inTransactionBlock) {
        Instant start = clock.instant();
        Reply reply;
        try {
            if (command instanceof Command.Vacuum vacuum) {
                SqlError error = inTransactionBlock
                        ? new SqlError("25001", "VACUUM cannot run inside a transaction block")
                        : engine.vacuum(vacuum, conn.user(), conn.database(), session);
                reply = error == null ? Reply.complete("VACUUM") : Reply.error(error.sqlState, error.getMessage());
            } else {
                // r_ANALYZE: a table skipped for analyze_threshold_percent answers "ANALYZE SKIP".
                boolean skipped = engine.analyze((Command.Analyze) command, conn.user(), conn.database(), session);
                reply = Reply.complete(skipped ? "ANALYZE SKIP" : "ANALYZE");
            }
        } catch (SqlError e) {
            reply = Reply.error(e.sqlState, e.getMessage());
        } catch (SQLException e) {
            log.warn("Simulated {} failed", sql, e);
            reply = Reply.error("XX000", "simulator failed: " + e.getMessage());
        }
        record(conn, sql, start, reply);
        return reply;
    }

    /** A string literal as Redshift reads it (backslashes escape, so they are doubled too). */
    private static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private Reply analyzeCompression(ConnectionInfo conn, String sql, Command.AnalyzeCompression command) {
        Instant start = clock.instant();
        Reply reply;
        try {
            if (command.table() == null) {
                reply = Reply.rewrite("SELECT c.* FROM redshift_sim.table_meta m, redshift_sim.analyze_compression(m.table_id) c "
                        + "WHERE m.\"database\" = redshift_sim.current_database()::text");
            } else {
                long tableId = engine.tableIdForCompression(command.table(), conn.database());
                reply = Reply.rewrite("SELECT * FROM redshift_sim.analyze_compression(" + tableId + ")");
            }
        } catch (SqlError e) {
            reply = Reply.error(e.sqlState, e.getMessage());
        } catch (SQLException e) {
            reply = Reply.error("XX000", "simulator failed: " + e.getMessage());
        }
        record(conn, sql, start, reply);
        return reply;
    }

    private void record(ConnectionInfo conn, String sql, Instant start, Reply reply) {
        String outcome = reply instanceof Reply.Failure f ? "error " + f.sqlState() + ": " + f.message() : "ok";
        MaintenanceRun run = new MaintenanceRun(conn.connectionId(), conn.user(), sql, start, clock.instant(), outcome);
        runs.add(run);
        try (Connection db = DriverManager.getConnection(superuserUrl, "postgres", "");
             PreparedStatement ps = db.prepareStatement("INSERT INTO redshift_sim.maintenance_log "
                     + "(connection_id, user_name, statement, started_at, ended_at, outcome) VALUES (?,?,?,?,?,?)")) {
            ps.setLong(1, run.connectionId());
            ps.setString(2, run.user());
            ps.setString(3, run.statement());
            ps.setTimestamp(4, Timestamp.valueOf(LocalDateTime.ofInstant(run.startedAt(), ZoneOffset.UTC)));
            ps.setTimestamp(5, Timestamp.valueOf(LocalDateTime.ofInstant(run.endedAt(), ZoneOffset.UTC)));
            ps.setString(6, run.outcome());
            ps.executeUpdate();
        } catch (SQLException e) {
            log.warn("Could not record maintenance statement in redshift_sim.maintenance_log", e);
        }
    }
}
