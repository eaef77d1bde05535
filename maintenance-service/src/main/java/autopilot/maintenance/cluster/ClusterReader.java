package autopilot.maintenance.cluster;

import autopilot.events.TableRef;
import autopilot.maintenance.plan.Observation;
import autopilot.maintenance.plan.TableState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The re-check's reads on a cluster: the table from SVV_TABLE_INFO, a VACUUM in progress, Redshift's
 * recent automatic maintenance of the table, long open transactions, WLM queue length and the
 * cluster's observed VACUUM speed. Names and times are bind parameters. A Serverless workgroup
 * refuses STL/STV relations, so there the same questions are asked of SYS_* views.
 */
public final class ClusterReader {

    private static final String TABLE = sql("table");
    private static final String VACUUM_RUNNING = sql("vacuum_running");
    private static final String VACUUM_RUNNING_SERVERLESS = sql("vacuum_running_serverless");
    private static final String LAST_AUTO_VACUUM = sql("last_auto_vacuum");
    private static final String LAST_AUTO_ANALYZE = sql("last_auto_analyze");
    private static final String LONG_TRANSACTIONS = sql("long_transactions");
    private static final String QUEUED = sql("queued_queries");
    private static final String QUEUED_SERVERLESS = sql("queued_queries_serverless");
    private static final String SPEED = sql("vacuum_speed");
    private static final String MODIFIED_ROWS = sql("modified_rows");
    /** How far back a VACUUM start without an end still counts as running (longer than any statement timeout). */
    private static final Duration RUNNING_LOOKBACK = Duration.ofHours(24);

    private ClusterReader() {
    }

    /** Everything the re-check needs; {@code serverless} picks the SYS_* views a workgroup answers. */
    public static Observation observe(Connection c, TableRef ref, Duration longTransaction, Instant now, boolean serverless)
            throws SQLException {
        TableState table = table(c, ref);
        Instant autoVacuum = table == null ? null : lastTime(c, LAST_AUTO_VACUUM, table.tableId());
        Instant autoAnalyze = table == null ? null : lastTime(c, LAST_AUTO_ANALYZE, table.tableId());
        boolean vacuumRunning = count(c, serverless ? VACUUM_RUNNING_SERVERLESS : VACUUM_RUNNING, utc(now.minus(RUNNING_LOOKBACK))) > 0;
        return new Observation(table, vacuumRunning, autoVacuum, autoAnalyze,
                count(c, LONG_TRANSACTIONS, utc(now.minus(longTransaction))), count(c, serverless ? QUEUED_SERVERLESS : QUEUED), speed(c),
                table == null ? null : modifiedPct(c, table.tableId()));
    }

    private static Double modifiedPct(Connection c, long tableId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MODIFIED_ROWS)) {
            ps.setLong(1, tableId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                double rows = rs.getDouble(1);
                double modified = rs.getDouble(2);
                return rows > 0 ? modified * 100 / rows : modified > 0 ? 100.0 : 0.0;
            }
        }
    }

    /** The table as the catalog names it, or null. */
    public static TableState table(Connection c, TableRef ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TABLE)) {
            ps.setString(1, ref.database());
            ps.setString(2, ref.schema());
            ps.setString(3, ref.table());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new TableState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7), nullableDouble(rs, 8), nullableDouble(rs, 9), rs.getLong(10), rs.getLong(11));
            }
        }
    }

    private static Double speed(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SPEED); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                double mb = rs.getDouble(1);
                double micros = rs.getDouble(2);
                if (!rs.wasNull() && micros > 0 && mb > 0) {
                    return mb / (micros / 1e6);
                }
            }
            return null;
        }
    }

    private static Instant lastTime(Connection c, String sql, long tableId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, tableId);
            try (ResultSet rs = ps.executeQuery()) {
                Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
            }
        }
    }

    private static int count(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** System tables keep UTC without a zone. */
    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(instant.atOffset(ZoneOffset.UTC).toLocalDateTime());
    }

    static String sql(String name) {
        String resource = "/autopilot/maintenance/sql/" + name + ".sql";
        try (InputStream in = ClusterReader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource " + resource + " is missing from the service jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
