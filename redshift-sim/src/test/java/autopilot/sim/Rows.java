package autopilot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A query's rows as strings, for the tests that read system relations through the Redshift driver. */
public final class Rows {

    private Rows() {
    }

    /** Every row, each column as the driver returns it (CHAR columns keep their padding). */
    public static List<List<String>> of(Connection c, String sql) throws SQLException {
        return read(c, sql, false);
    }

    /** Every row, each column without surrounding blanks (CHAR padding gone); NULL stays null. */
    public static List<List<String>> stripped(Connection c, String sql) throws SQLException {
        return read(c, sql, true);
    }

    /** The one value of a query that returns one row, as a number. */
    public static long single(Connection c, String sql) throws SQLException {
        List<List<String>> rows = of(c, sql);
        assertThat(rows).as(sql).hasSize(1);
        return Long.parseLong(rows.get(0).get(0).strip());
    }

    private static List<List<String>> read(Connection c, String sql, boolean strip) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    String value = rs.getString(i);
                    row.add(strip && value != null ? value.strip() : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
