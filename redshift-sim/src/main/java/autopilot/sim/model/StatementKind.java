package autopilot.sim.model;

import java.util.Locale;
import java.util.Set;

/**
 * How Redshift files a statement, decided by its first words. Queries (SELECT, INSERT, COPY, CTAS,
 * ...) go to STL_QUERY and STL_QUERYTEXT; DDL goes to STL_DDLTEXT and utility commands to
 * STL_UTILITYTEXT, neither to STL_QUERY (https://docs.aws.amazon.com/redshift/latest/dg/r_STL_QUERY.html,
 * r_STL_DDLTEXT.html, r_STL_UTILITYTEXT.html); SYS_QUERY_HISTORY has them all, with query_type
 * DDL or UTILITY for the last two (https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html).
 */
public enum StatementKind {
    QUERY, DDL, UTILITY;

    /** Objects whose CREATE/ALTER/DROP the docs list among utility commands, not DDL. */
    private static final Set<String> UTILITY_OBJECTS = Set.of("DATABASE", "USER", "GROUP");
    private static final Set<String> UTILITY_COMMANDS = Set.of("ABORT", "BEGIN", "COMMIT", "END", "ROLLBACK", "START", "ANALYZE",
            "VACUUM", "CALL", "CANCEL", "COMMENT", "EXPLAIN", "GRANT", "REVOKE", "LOCK", "RESET", "SET", "SHOW", "TRUNCATE");

    public static StatementKind of(String text) {
        String[] words = words(text, 6);
        String first = words[0];
        if (UTILITY_COMMANDS.contains(first)) {
            return UTILITY;
        }
        if (first.equals("CREATE") || first.equals("ALTER") || first.equals("DROP")) {
            if (isCtas(words)) {
                return QUERY;
            }
            return UTILITY_OBJECTS.contains(words[1]) ? UTILITY : DDL;
        }
        return QUERY;
    }

    /** SYS_QUERY_HISTORY.query_type of a statement. */
    public static String queryType(String text) {
        String[] words = words(text, 6);
        return switch (of(text)) {
            case DDL -> "DDL";
            case UTILITY -> "UTILITY";
            case QUERY -> switch (words[0]) {
                case "SELECT", "WITH" -> "SELECT";
                case "INSERT", "UPDATE", "DELETE", "COPY", "UNLOAD" -> words[0];
                case "CREATE" -> "CTAS";
                default -> "OTHER";
            };
        };
    }

    /** CREATE [TEMP|TEMPORARY|LOCAL ...] TABLE name AS ...: a query that creates a table from its result. */
    private static boolean isCtas(String[] words) {
        if (!words[0].equals("CREATE")) {
            return false;
        }
        for (int i = 1; i < words.length - 2; i++) {
            if (words[i].equals("TABLE")) {
                return words[i + 2].equals("AS");
            }
        }
        return false;
    }

    /** The first {@code n} words, upper-cased ("" past the end); a word ends at blanks or '('. */
    private static String[] words(String text, int n) {
        String[] words = new String[n];
        java.util.Arrays.fill(words, "");
        int i = 0;
        int length = text == null ? 0 : text.length();
        for (int w = 0; w < n; w++) {
            while (i < length && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '(' && text.charAt(i) != ';') {
                i++;
            }
            words[w] = text == null ? "" : text.substring(start, i).toUpperCase(Locale.ROOT);
            if (i < length && (text.charAt(i) == '(' || text.charAt(i) == ';')) {
                i++;
            }
        }
        return words;
    }
}
