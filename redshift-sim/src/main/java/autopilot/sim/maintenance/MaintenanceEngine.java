package autopilot.sim.maintenance;

import java.sql.Connection;
import autopilot.sim.catalog.DatabaseNames;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs VACUUM and ANALYZE against the simulator's model with Redshift's rules: one VACUUM per
 * cluster at a time, the sort phase skipped when the table is at least {@code TO n PERCENT}
 * (default 95) sorted, the delete phase skipped when at least that share of rows is live and
 * unable to reclaim rows while transactions are open, ANALYZE skipped below
 * {@code analyze_threshold_percent}. A VACUUM takes time in proportion to the work (configurable
 * speed) and is cancelled by the session's {@code statement_timeout}, or aborted when the session
 * ends because its client is gone (the slot is free again at once). Every run writes the rows
 * Redshift writes (STL_VACUUM, SYS_VACUUM_HISTORY, STL_ANALYZE, SYS_ANALYZE_HISTORY).
 */
final class MaintenanceEngine {
    private static final Logger log = LoggerFactory.getLogger(MaintenanceEngine.class);

    /** Redshift's default VACUUM threshold. */
    static final int DEFAULT_VACUUM_THRESHOLD = 95;

    private final String postgresUrl;
    private final String modelDatabase;
    private final DatabaseNames names;
    private final double megabytesPerSecond;
    private final Clock clock;
    private final ReentrantLock vacuumLock = new ReentrantLock();

    /**
     * @param postgresUrl   JDBC URL of the PostgreSQL underneath without a database, ending in {@code /}
     * @param modelDatabase the database holding the cluster's model (the scenario's default database)
     * @param names         the PostgreSQL databases underneath the cluster's (Redshift) databases
     */
    MaintenanceEngine(String postgresUrl, String modelDatabase, DatabaseNames names, double vacuumMegabytesPerSecond, Clock clock) {
        this.postgresUrl = postgresUrl;
        this.modelDatabase = modelDatabase;
        this.names = names;
        this.megabytesPerSecond = vacuumMegabytesPerSecond;
        this.clock = clock;
    }

    /**
     * Runs a VACUUM from a session connected to {@code database}: of the named table, or of every
     * table of that database. Returns {@code null} on success or the error to answer with.
     */
    SqlError vacuum(Command.Vacuum command, String user, String database, Session session) throws SQLException {
        if (!vacuumLock.tryLock()) {
            return new SqlError("55006", "VACUUM is running");
        }
        Connection db = null;
        try {
            db = connect();
            List<TableState> tables = command.table() == null ? allTables(db, database)
                    : List.of(resolve(db, command.table(), database));
            if (command.variant() == Command.Variant.RECLUSTER) {
                TableState t = tables.get(0);
                if (t.interleaved() || t.diststyle().contains("ALL")) {
                    return new SqlError("0A000", "VACUUM RECLUSTER is not supported for tables with "
                            + (t.interleaved() ? "interleaved sort keys" : "DISTSTYLE ALL"));
                }
            }
            long deadline = session.statementTimeoutMillis() > 0
                    ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(session.statementTimeoutMillis()) : Long.MAX_VALUE;
            int userId = userId(db, user);
            for (TableState table : tables) {
                if (!mayMaintain(db, user, table)) {
                    // r_VACUUM_command: without the privilege, VACUUM "completes successfully but has no effect".
                    log.info("VACUUM of {}.{} by {} has no effect: neither owner nor superuser", table.schema(), table.table(), user);
                    continue;
                }
                SqlError error = vacuumTable(db, command, table, userId, deadline, session);
                if (error != null) {
                    return error;
                }
            }
            return null;
        } finally {
            // The slot is free as soon as the history says the VACUUM ended, before the clean-up.
            vacuumLock.unlock();
            if (db != null) {
                db.close();
            }
        }
    }

    private SqlError vacuumTable(Connection db, Command.Vacuum command, TableState t, int userId, long deadline,
                                 Session session) throws SQLException {
        int threshold = command.toPercent() == null ? DEFAULT_VACUUM_THRESHOLD : command.toPercent();
        Command.Variant variant = command.variant();
        boolean sorts = variant.sorts && t.hasSortKey() && t.rows() > 0
                && (variant == Command.Variant.REINDEX || t.sortedShare() * 100 < threshold);
        boolean deletes = variant.deletes && t.deletedRows() > 0 && t.liveShare() * 100 < threshold;
        long reclaimable = deletes && !openTransactions(db) ? t.deletedRows() : 0;
        long xid = nextId(db);
        Instant start = clock.instant();
        if (!sorts && !deletes) {
            String status = switch (variant) {
                case SORT_ONLY -> "Skipped (sort only, sorted>=" + threshold + "%)";
                case DELETE_ONLY -> "Skipped (delete only)";
                default -> t.rows() == 0 ? "Skipped (0 rows)" : "Skipped";
            };
            stlVacuum(db, userId, xid, t, status, start);
            sysVacuum(db, userId, xid, t, variant, "Skipped", start, start, 0, 0);
            return null;
        }
        stlVacuum(db, userId, xid, t, variant.startedStatus, start);
        double sizeMb = t.blocks();
        double workMb = (sorts ? sizeMb * (1 - t.sortedShare()) : 0) + (deletes ? sizeMb * (1 - t.liveShare()) : 0);
        if (variant == Command.Variant.REINDEX) {
            workMb = Math.max(workMb, sizeMb);
        }
        long workEnd = System.nanoTime() + (long) (workMb / megabytesPerSecond * 1e9);
        boolean timedOut = deadline < workEnd;
        boolean worked = waitUntil(Math.min(workEnd, deadline), session);
        if (session.ended()) {
            // The client is gone: the session ends and takes its VACUUM with it, nothing applied.
            sysVacuum(db, userId, xid, t, variant, "Failed", start, clock.instant(), 0, 0);
            return new SqlError("57P01", "terminating connection: the client session ended during VACUUM");
        }
        if (!worked || timedOut) {
            sysVacuum(db, userId, xid, t, variant, "Failed", start, clock.instant(), 0, 0);
            return new SqlError("57014", "canceling statement due to statement timeout");
        }
        apply(db, t, sorts, reclaimable);
        Instant end = clock.instant();
        TableState after = resolveById(db, t.tableId());
        stlVacuum(db, userId, xid, after, "Finished", end);
        sysVacuum(db, userId, xid, t, variant, "Complete", start, end, reclaimable, t.blocks() - after.blocks());
        return null;
    }

    /**
     * Runs an ANALYZE from a session connected to {@code database}: refreshes statistics of tables
     * whose change passes the session's threshold.
     */
    boolean analyze(Command.Analyze command, String user, String database, Session session) throws SQLException {
        try (Connection db = connect()) {
            List<TableState> tables = command.table() == null ? allTables(db, database)
                    : List.of(resolve(db, command.table(), database));
            int userId = userId(db, user);
            int threshold = session.analyzeThresholdPercent();
            boolean skipped = false;
            for (TableState t : tables) {
                if (!mayMaintain(db, user, t)) {
                    // Only the owner or a superuser analyzes a table (t_Analyzing_tables); as VACUUM, no effect.
                    log.info("ANALYZE of {}.{} by {} has no effect: neither owner nor superuser", t.schema(), t.table(), user);
                    continue;
                }
                Instant start = clock.instant();
                // r_ANALYZE: a table whose share of rows changed since its last ANALYZE is below
                // analyze_threshold_percent is skipped; at 0 every table is analyzed.
                boolean runs = threshold == 0 || t.modifiedPercent() >= threshold && t.modifiedRows() > 0;
                if (runs) {
                    try (PreparedStatement ps = db.prepareStatement(
                            "UPDATE redshift_sim.table_meta SET stats_off = 0, modified_rows = 0 WHERE table_id = ?")) {
                        ps.setLong(1, t.tableId());
                        ps.executeUpdate();
                    }
                }
                skipped |= !runs;
                String status = !runs ? "Skipped" : command.predicateColumns() ? "PredicateColumn" : "Full";
                writeAnalyze(db, userId, nextId(db), t, status, t.modifiedRows(), threshold, start, clock.instant(), false);
            }
            return skipped && command.table() != null;
        }
    }

    /**
     * Whether {@code user} may VACUUM or ANALYZE the table: its owner or a superuser
     * (r_VACUUM_command, t_Analyzing_tables). Ownership is PostgreSQL's, in the table's database.
     */
    private boolean mayMaintain(Connection model, String user, TableState t) throws SQLException {
        try (Connection other = t.database().equals(modelDatabase) ? null : connect(t.database());
             PreparedStatement ps = (other == null ? model : other).prepareStatement(
                     "SELECT r.rolsuper OR c.relowner = r.oid FROM pg_roles r CROSS JOIN pg_class c WHERE r.rolname = ? AND c.oid = ?")) {
            ps.setString(1, user);
            ps.setLong(2, t.tableId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Redshift's background VACUUM DELETE on one table: reclaims its ghost rows (unless transactions
     * are open) and logs {@code [VacuumBG]} rows. Skipped while a user VACUUM runs.
     */
    void automaticVacuumDelete(long tableId) throws SQLException {
        if (!vacuumLock.tryLock()) {
            return;
        }
        try (Connection db = connect()) {
            TableState t = resolveById(db, tableId);
            if (t == null || t.deletedRows() == 0) {
                return;
            }
            long xid = nextId(db);
            Instant start = clock.instant();
            stlVacuum(db, 1, xid, t, "[VacuumBG] Started Delete Only", start);
            long reclaimed = openTransactions(db) ? 0 : t.deletedRows();
            apply(db, t, false, reclaimed);
            TableState after = resolveById(db, tableId);
            Instant end = clock.instant();
            stlVacuum(db, 1, xid, after, "[VacuumBG] Finished", end);
            sysVacuum(db, 1, xid, t, Command.Variant.DELETE_ONLY, "Complete", start, end, reclaimed, t.blocks() - after.blocks(), true);
        } finally {
            vacuumLock.unlock();
        }
    }

    /** Redshift's automatic ANALYZE on one table: fresh statistics, logged with is_auto = t. */
    void automaticAnalyze(long tableId) throws SQLException {
        try (Connection db = connect()) {
            TableState t = resolveById(db, tableId);
            if (t == null) {
                return;
            }
            Instant start = clock.instant();
            try (PreparedStatement ps = db.prepareStatement("UPDATE redshift_sim.table_meta SET stats_off = 0, modified_rows = 0 WHERE table_id = ?")) {
                ps.setLong(1, tableId);
                ps.executeUpdate();
            }
            long xid = nextId(db);
            writeAnalyze(db, 1, xid, t, "Full", t.modifiedRows(), 10, start, clock.instant(), true);
        }
    }

    /** The table id for ANALYZE COMPRESSION in {@code database}, or an error if it does not exist. */
    long tableIdForCompression(String table, String database) throws SQLException {
        try (Connection db = connect()) {
            return resolve(db, table, database).tableId();
        }
    }

    private void apply(Connection db, TableState t, boolean sorted, long reclaimed) throws SQLException {
        if (reclaimed > 0) {
            double keep = (double) (t.rows() - reclaimed) / t.rows();
            int columns = t.ncols() + 3;
            try (PreparedStatement ps = db.prepareStatement("UPDATE redshift_sim.stv_tbl_perm SET "
                    + "rows = round(rows * ?), sorted_rows = least(sorted_rows, round(rows * ?)), "
                    + "block_count = CASE WHEN rows = 0 THEN 0 ELSE greatest(1, ceil((block_count / ?) * ?)) * ? END "
                    + "WHERE id = ?")) {
                ps.setDouble(1, keep);
                ps.setDouble(2, keep);
                ps.setInt(3, columns);
                ps.setDouble(4, keep);
                ps.setInt(5, columns);
                ps.setLong(6, t.tableId());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement(
                    "UPDATE redshift_sim.table_meta SET deleted_rows = greatest(deleted_rows - ?, 0) WHERE table_id = ?")) {
                ps.setLong(1, reclaimed);
                ps.setLong(2, t.tableId());
                ps.executeUpdate();
            }
        }
        if (sorted) {
            try (PreparedStatement ps = db.prepareStatement("UPDATE redshift_sim.stv_tbl_perm SET sorted_rows = rows WHERE id = ?");
                 PreparedStatement meta = db.prepareStatement(
                         "UPDATE redshift_sim.table_meta SET vacuum_sort_benefit = 0, skew_sortkey1 = 1.0 WHERE table_id = ?")) {
                ps.setLong(1, t.tableId());
                ps.executeUpdate();
                meta.setLong(1, t.tableId());
                meta.executeUpdate();
            }
        }
    }

    /** Waits until the deadline; false when interrupted or the session ended first. */
    private static boolean waitUntil(long deadlineNanos, Session session) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            if (session.ended()) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** A connection to the database holding the cluster's model. */
    private Connection connect() throws SQLException {
        return connect(modelDatabase);
    }

    private Connection connect(String database) throws SQLException {
        Connection db = DriverManager.getConnection(postgresUrl + names.backend(database), "postgres", "");
        db.setAutoCommit(true);
        return db;
    }

    private static final String STATE = "SELECT m.table_id, m.\"database\", m.\"schema\", m.table_name, m.diststyle, m.sortkey_type, "
            + "m.sortkey_num, m.ncols, coalesce(sum(p.rows), 0), coalesce(sum(p.sorted_rows), 0), m.deleted_rows, "
            + "coalesce(sum(greatest(p.block_count, 0)), 0), m.stats_off, m.modified_rows "
            + "FROM redshift_sim.table_meta m LEFT JOIN redshift_sim.stv_tbl_perm p ON p.id = m.table_id ";
    private static final String GROUP = " GROUP BY m.table_id, m.\"database\", m.\"schema\", m.table_name, m.diststyle, "
            + "m.sortkey_type, m.sortkey_num, m.ncols, m.deleted_rows, m.stats_off, m.modified_rows";

    /**
     * Resolves a table name as written (quoted or not, schema-qualified or not) like PostgreSQL does
     * in {@code database}, the one the client is connected to; {@code model} reaches the model.
     */
    private TableState resolve(Connection model, String name, String database) throws SQLException {
        Long oid = null;
        try (Connection db = database.equals(modelDatabase) ? null : connect(database);
             PreparedStatement ps = (db == null ? model : db).prepareStatement("SELECT to_regclass(?)::oid")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    oid = rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            // to_regclass rejects malformed names: the relation does not exist either way
        }
        TableState state = oid == null ? null : resolveById(model, oid);
        if (state == null || !state.database().equals(database)) {
            throw new SqlError("42P01", "relation \"" + name.replace("\"", "") + "\" does not exist");
        }
        return state;
    }

    private static TableState resolveById(Connection db, long oid) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(STATE + "WHERE m.table_id = ?" + GROUP)) {
            ps.setLong(1, oid);
            List<TableState> found = read(ps);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    /** Every table of one database: what a VACUUM or ANALYZE without a table name works through. */
    private static List<TableState> allTables(Connection db, String database) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(STATE + "WHERE m.\"database\" = ?" + GROUP + " ORDER BY m.table_id")) {
            ps.setString(1, database);
            return read(ps);
        }
    }

    private static List<TableState> read(PreparedStatement ps) throws SQLException {
        List<TableState> tables = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(new TableState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                        rs.getDouble(13), rs.getLong(14)));
            }
        }
        return tables;
    }

    private static boolean openTransactions(Connection db) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM redshift_sim.svv_transactions")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private static long nextId(Connection db) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("SELECT nextval('redshift_sim.xid_seq')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int userId(Connection db, String user) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT oid FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 1;
            }
        }
    }

    private static void stlVacuum(Connection db, int userId, long xid, TableState t, String status, Instant at) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO redshift_sim.stl_vacuum (userid, xid, table_id, status, rows, "
                + "sortedrows, blocks, max_merge_partitions, eventtime, reclaimable_rows, reclaimable_space_mb, cutoff_xid, is_recluster) "
                // status is character(30): longer statuses ("Skipped (sort only, sorted>=95%)") are cut, as a char(30) cast does
                + "VALUES (?,?,?,CAST(? AS character(30)),?,?,?,0,?,?,0,?,0)")) {
            ps.setInt(1, userId);
            ps.setLong(2, xid);
            ps.setInt(3, (int) t.tableId());
            ps.setString(4, status);
            ps.setLong(5, t.rows());
            ps.setInt(6, (int) Math.min(Integer.MAX_VALUE, t.sortedRows()));
            ps.setInt(7, (int) Math.min(Integer.MAX_VALUE, t.blocks()));
            ps.setTimestamp(8, utc(at));
            ps.setLong(9, t.deletedRows());
            ps.setLong(10, xid - 1);
            ps.executeUpdate();
        }
    }

    private void sysVacuum(Connection db, int userId, long xid, TableState t, Command.Variant variant, String status,
                           Instant start, Instant end, long reclaimedRows, long reclaimedBlocks) throws SQLException {
        sysVacuum(db, userId, xid, t, variant, status, start, end, reclaimedRows, reclaimedBlocks, false);
    }

    private void sysVacuum(Connection db, int userId, long xid, TableState t, Command.Variant variant, String status,
                           Instant start, Instant end, long reclaimedRows, long reclaimedBlocks, boolean automatic) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO redshift_sim.sys_vacuum_history (user_id, transaction_id, query_id, "
                + "database_name, schema_name, table_name, table_id, vacuum_type, is_automatic, status, start_time, end_time, record_time, "
                + "duration, rows_before_vacuum, size_before_vacuum, reclaimable_rows, reclaimed_rows, reclaimed_blocks, "
                + "sortedrows_before_vacuum) VALUES (?,?,?,?,?,?,?,?," + automatic + ",?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setInt(1, userId);
            ps.setLong(2, xid);
            if (automatic) {
                ps.setNull(3, java.sql.Types.BIGINT); // automatic vacuums have no query id
            } else {
                ps.setLong(3, xid);
            }
            ps.setString(4, t.database());
            ps.setString(5, t.schema());
            ps.setString(6, t.table());
            ps.setInt(7, (int) t.tableId());
            ps.setString(8, variant.historyType);
            ps.setString(9, status);
            ps.setTimestamp(10, utc(start));
            ps.setTimestamp(11, utc(end));
            ps.setTimestamp(12, utc(end));
            ps.setInt(13, (int) Math.min(Integer.MAX_VALUE, java.time.Duration.between(start, end).toNanos() / 1000));
            ps.setLong(14, t.rows());
            ps.setInt(15, (int) Math.min(Integer.MAX_VALUE, t.blocks()));
            ps.setLong(16, t.deletedRows());
            ps.setLong(17, reclaimedRows);
            ps.setLong(18, reclaimedBlocks);
            ps.setInt(19, (int) Math.min(Integer.MAX_VALUE, t.sortedRows()));
            ps.executeUpdate();
        }
    }

    private static void writeAnalyze(Connection db, int userId, long xid, TableState t, String status, long modified, int threshold,
                                     Instant start, Instant end, boolean automatic) throws SQLException {
        String auto = automatic ? "t" : "f";
        try (PreparedStatement stl = db.prepareStatement("INSERT INTO redshift_sim.stl_analyze (userid, xid, database, table_id, status, "
                + "rows, modified_rows, threshold_percent, is_auto, starttime, endtime, prevtime, schema_name, table_name) "
                + "VALUES (?,?,?,?,?,?,?,?,'" + auto + "',?,?,?,?,?)");
             PreparedStatement sys = db.prepareStatement("INSERT INTO redshift_sim.sys_analyze_history (user_id, transaction_id, "
                     + "database_name, table_name, table_id, is_automatic, status, start_time, end_time, rows, modified_rows, "
                     + "analyze_threshold_percent, last_analyze_time, schema_name) VALUES (?,?,?,?,?,'" + auto + "',?,?,?,?,?,?,?,?)")) {
            Timestamp previous = previousAnalyze(db, t.tableId());
            stl.setInt(1, userId);
            stl.setLong(2, xid);
            stl.setString(3, cut(t.database(), 30));
            stl.setInt(4, (int) t.tableId());
            stl.setString(5, status);
            stl.setDouble(6, t.rows());
            stl.setDouble(7, modified);
            stl.setInt(8, threshold);
            stl.setTimestamp(9, utc(start));
            stl.setTimestamp(10, utc(end));
            stl.setTimestamp(11, previous);
            stl.setString(12, cut(t.schema(), 32));
            stl.setString(13, cut(t.table(), 32));
            stl.executeUpdate();
            sys.setInt(1, userId);
            sys.setLong(2, xid);
            // database_name and table_name are char(30) (SYS_ANALYZE_HISTORY): longer names are cut.
            sys.setString(3, cut(t.database(), 30));
            sys.setString(4, cut(t.table(), 30));
            sys.setInt(5, (int) t.tableId());
            sys.setString(6, status);
            sys.setTimestamp(7, utc(start));
            sys.setTimestamp(8, utc(end));
            sys.setDouble(9, t.rows());
            sys.setDouble(10, modified);
            sys.setInt(11, threshold);
            sys.setTimestamp(12, previous);
            sys.setString(13, t.schema());
            sys.executeUpdate();
        }
    }

    /**
     * The end of the table's last ANALYZE that ran, or 2000-01-01 00:00 when it never had one: the
     * time SYS_ANALYZE_HISTORY's documented sample shows for a table's first ANALYZE.
     */
    private static Timestamp previousAnalyze(Connection db, long tableId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT max(endtime) FROM redshift_sim.stl_analyze "
                + "WHERE table_id = ? AND status <> 'Skipped'")) {
            ps.setLong(1, tableId);
            try (ResultSet rs = ps.executeQuery()) {
                Timestamp last = rs.next() ? rs.getTimestamp(1) : null;
                return last != null ? last : Timestamp.valueOf("2000-01-01 00:00:00");
            }
        }
    }

    private static String cut(String s, int length) {
        return s.length() > length ? s.substring(0, length) : s;
    }

    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
