package autopilot.analyzer.state;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

/** What the stores need of JDBC beyond the driver: nullable times, and forgetting the rows of tables that are gone. */
final class Jdbc {

    private Jdbc() {
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /**
     * Deletes a cluster's rows of {@code table} whose table id is not among {@code present}. {@code NOT IN (SELECT
     * unnest(?))} is a hashed subplan; {@code <> ALL (?)} compares each row with every id on PostgreSQL 14 (10,000
     * tables: 176 ms against 3 ms, measured).
     */
    static void deleteTablesOtherThan(Connection c, String table, String clusterId, Collection<Long> present) throws SQLException {
        Array ids = c.createArrayOf("bigint", present.toArray(Long[]::new));
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE cluster_id = ? "
                + "AND table_id NOT IN (SELECT unnest(?))")) {
            ps.setString(1, clusterId);
            ps.setArray(2, ids);
            ps.executeUpdate();
        }
    }
}
