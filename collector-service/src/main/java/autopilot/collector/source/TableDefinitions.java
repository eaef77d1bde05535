package autopilot.collector.source;

import autopilot.events.ClusterKind;
import autopilot.redshift.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code table_columns} source: PG_TABLE_DEF, read one schema at a time. PG_TABLE_DEF shows a
 * table only when it is the first of its name on the search_path, so with every schema on the path
 * a table named like one in an earlier schema had no columns (and no profile). Each schema
 * SVV_TABLE_INFO reports is read with the search_path set to it alone; the path is left at the
 * last one, which nothing after relies on.
 */
public final class TableDefinitions {

    private TableDefinitions() {
    }

    /** Every user table's columns, schema by schema, into one sink; returns the rows. */
    public static long read(Connection connection, RowSink sink) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT trim(\"schema\") FROM svv_table_info ORDER BY 1")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        RowSink once = RowSink.columnsOnce(sink);
        long rows = 0;
        for (String schema : schemas.isEmpty() ? List.of("public") : schemas) {
            try (Statement st = connection.createStatement()) {
                st.execute("SET search_path TO " + Identifiers.quote(schema));
            }
            rows += SourceReader.read(connection, ClusterKind.PROVISIONED, Sources.TABLE_COLUMNS, null, once, schema);
        }
        return rows;
    }
}
