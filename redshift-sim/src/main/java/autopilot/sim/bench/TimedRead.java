package autopilot.sim.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One SELECT read to its last row with every value fetched as a Java object, the way a collector
 * reads a system table, and how long that took.
 *
 * @param rows   rows read
 * @param values non-null values read: the same on every path when the paths return the same data
 * @param nanos  elapsed time from sending the statement to the end of the transaction
 */
record TimedRead(long rows, long values, long nanos) {

    /** Runs {@code sql} on a connection with auto-commit off (so a fetch size streams rows through a cursor). */
    static TimedRead run(Connection connection, String sql, int fetchSize) throws SQLException {
        long started = System.nanoTime();
        long rows = 0;
        long values = 0;
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(fetchSize);
            try (ResultSet rs = st.executeQuery(sql)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        if (rs.getObject(i) != null) {
                            values++;
                        }
                    }
                    rows++;
                }
            }
        }
        connection.commit();
        return new TimedRead(rows, values, System.nanoTime() - started);
    }
}
