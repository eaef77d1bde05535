package autopilot.sim.catalog;

/** The one place the simulator quotes identifiers and literals it puts into DDL. */
final class Identifiers {

    private Identifiers() {
    }

    static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid identifier: " + identifier);
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL in literal");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}
