package autopilot.sim.check;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a file stopped: the server's SQLSTATE and the first line of its message, and the statement
 * that failed ({@code viewSelect}: the {@code SELECT * FROM view LIMIT 100} run after a
 * {@code CREATE VIEW}, so the failure is the view's, at run time).
 */
record Failure(String sqlState, String message, Script.Statement statement, boolean viewSelect) {

    private static final Pattern MISSING_RELATION = Pattern.compile("relation \"([^\"]+)\" does not exist");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"]|\"\")*\"");
    private static final Pattern FUNCTION = Pattern.compile("function [^\\s(]+\\([^)]*\\)");
    /** PostgreSQL quotes a missing column's name unless it was qualified: {@code column t.c does not exist}. */
    private static final Pattern QUALIFIED_COLUMN = Pattern.compile("column [\\w$]+(\\.[\\w$]+)+ ");

    static Failure of(SQLException e, Script.Statement statement, boolean viewSelect, int timeoutSeconds) {
        String state = e.getSQLState() == null ? "?????" : e.getSQLState();
        String message = firstLine(e.getMessage());
        if ("57014".equals(state)) {
            message += " (the statement ran past --timeout-seconds " + timeoutSeconds + ")";
        }
        return new Failure(state, message, statement, viewSelect);
    }

    /** The first line of a driver's message without its {@code ERROR:} prefix. */
    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.regionMatches(true, 0, "ERROR:", 0, 6) ? line.substring(6).strip() : line;
    }

    /** The relation a {@code 42P01} failure names, lower-cased as written (schema included when it was). */
    Optional<String> missingRelation() {
        Matcher m = MISSING_RELATION.matcher(message);
        return "42P01".equals(sqlState) && m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** SQLSTATE and message with identifiers made anonymous, so that failures of one kind group together. */
    String cause() {
        String normalised = FUNCTION.matcher(message).replaceAll("function ?(...)");
        normalised = QUALIFIED_COLUMN.matcher(normalised).replaceAll("column \"?\" ");
        normalised = QUOTED.matcher(normalised).replaceAll("\"?\"");
        normalised = normalised.replaceAll("\\b\\d+\\b", "N");
        return sqlState + " " + normalised;
    }
}
