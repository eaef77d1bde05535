package autopilot.redshift;

/**
 * The one place an identifier is quoted before it goes into SQL. Every service that builds SQL
 * with a schema or table name calls this; names are never spliced in any other way.
 */
public final class Identifiers {

    private Identifiers() {
    }

    /** A double-quoted identifier with embedded quotes doubled; NUL and empty names are refused. */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid identifier: " + identifier);
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}, each part quoted. */
    public static String qualified(String schema, String table) {
        return quote(schema) + '.' + quote(table);
    }
}
