package autopilot.collector.snapshot;

/** The one place the collector quotes an identifier it puts into SQL (schema names for the search_path). */
final class Identifiers {

    private Identifiers() {
    }

    static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid identifier: " + identifier);
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
