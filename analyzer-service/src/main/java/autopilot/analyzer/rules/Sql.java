package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableState;

/**
 * The one place the analyzer writes identifiers into the SQL it recommends. The SQL is advice for
 * people and a description for the maintenance service, which never runs it as given: it resolves
 * the table against the cluster's catalog and builds its own statement.
 */
public final class Sql {

    private Sql() {
    }

    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid identifier: " + identifier);
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    public static String table(TableState table) {
        return quote(table.schema()) + "." + quote(table.name());
    }

    static String pct(double value) {
        return num(value);
    }

    /** A figure for people: whole numbers from 10 up, one decimal below. */
    static String num(double value) {
        boolean whole = value >= 10 || value == Math.rint(value);
        // Whole numbers the common way; String.format for every figure of every finding was a tenth of the rules' time.
        if (value == Math.rint(value) && Math.abs(value) < 1e15 && !(value == 0 && 1 / value < 0)) return Long.toString((long) value);
        if (!Double.isFinite(value)) return String.format(java.util.Locale.ROOT, "%.0f", value);
        // What %.0f / %.1f print: the double's decimal digits (Double.toString's) rounded half up, a
        // negative value that rounds to zero keeping its sign.
        java.math.BigDecimal rounded = java.math.BigDecimal.valueOf(value).setScale(whole ? 0 : 1, java.math.RoundingMode.HALF_UP);
        String text = rounded.toPlainString();
        return value < 0 || (value == 0 && 1 / value < 0) ? (rounded.signum() == 0 ? "-" + text : text) : text;
    }

    /** A duration in milliseconds for people: ms under a second, else seconds. */
    static String millis(double millis) {
        return millis < 1000 ? num(millis) + " ms" : num(millis / 1000) + " s";
    }
}
