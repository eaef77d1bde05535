package autopilot.sim.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the plain indexes off relations about to receive a bulk load and builds them again
 * afterwards, under the same names and definitions. Building an index once over a million rows
 * is several times cheaper than maintaining it row by row, most of all for time columns that
 * arrive in random order. Indexes that back constraints stay.
 */
final class DeferredIndexes {

    private final Connection db;
    private final List<String> definitions;

    private DeferredIndexes(Connection db, List<String> definitions) {
        this.db = db;
        this.definitions = definitions;
    }

    /** Drops the plain indexes of the given {@code redshift_sim} tables and remembers them. */
    static DeferredIndexes suspend(Connection db, List<String> tables) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                + "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
                + "WHERE t.relnamespace = 'redshift_sim'::regnamespace AND t.relname = ANY (?) "
                + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY i.indexrelid")) {
            ps.setArray(1, db.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    definitions.add(rs.getString(2));
                }
            }
        }
        if (!names.isEmpty()) {
            try (Statement st = db.createStatement()) {
                st.execute("DROP INDEX " + String.join(", ", names));
            }
        }
        return new DeferredIndexes(db, definitions);
    }

    /** Builds the dropped indexes again. */
    void restore() throws SQLException {
        if (definitions.isEmpty()) {
            return;
        }
        try (Statement st = db.createStatement()) {
            // Sorting millions of keys in memory instead of in temporary files; reset when the install commits.
            st.execute("SET LOCAL maintenance_work_mem = '256MB'");
            st.execute(String.join(";\n", definitions));
        }
    }
}
