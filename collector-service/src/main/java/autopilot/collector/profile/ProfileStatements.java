package autopilot.collector.profile;

import autopilot.redshift.Identifiers;
import java.util.List;

/**
 * The SQL of a profile, valid on Redshift and PostgreSQL: one aggregate statement per table (a
 * single scan for every column) and one GROUP BY per key column for its most common value.
 * Names are quoted by {@link Identifiers}, the one quoting function; nothing else goes into the text.
 */
final class ProfileStatements {

    /** Whether the session may read the table; the table's quoted name is bound, never spliced. */
    static final String CAN_READ = "SELECT has_table_privilege(?, 'select')";

    private ProfileStatements() {
    }

    /**
     * {@code SELECT COUNT(*), COUNT(k), COUNT(DISTINCT k), [MAX(OCTET_LENGTH(k))], ..., COUNT(w), MAX(OCTET_LENGTH(w)) FROM "s"."t"}:
     * for each key column its non-NULL and distinct counts (and its longest value when {@code textKeys}
     * says it is text), then each length column's non-NULL count and longest value (free in the same scan).
     */
    static String aggregate(String schema, String table, List<String> keyColumns, List<Boolean> textKeys, List<String> lengthColumns) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
        for (int i = 0; i < keyColumns.size(); i++) {
            String c = Identifiers.quote(keyColumns.get(i));
            sql.append(", COUNT(").append(c).append("), COUNT(DISTINCT ").append(c).append(')');
            if (textKeys.get(i)) {
                sql.append(", MAX(OCTET_LENGTH(").append(c).append("))");
            }
        }
        for (String column : lengthColumns) {
            String c = Identifiers.quote(column);
            sql.append(", COUNT(").append(c).append("), MAX(OCTET_LENGTH(").append(c).append("))");
        }
        return sql.append(" FROM ").append(Identifiers.qualified(schema, table)).toString();
    }

    /** Rows of the most common non-NULL value of a column (no row when the column is all NULL). */
    static String topValue(String schema, String table, String column) {
        String c = Identifiers.quote(column);
        return "SELECT COUNT(*) FROM " + Identifiers.qualified(schema, table) + " WHERE " + c + " IS NOT NULL GROUP BY " + c
                + " ORDER BY 1 DESC LIMIT 1";
    }

    static String statementTimeout(long millis) {
        return "SET statement_timeout TO " + millis;
    }
}
