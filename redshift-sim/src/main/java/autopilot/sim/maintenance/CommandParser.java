package autopilot.sim.maintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the statements the simulator answers itself (VACUUM, ANALYZE, Redshift-only SET) and
 * checks them against Redshift's grammar and rules. Anything else is left to PostgreSQL.
 */
final class CommandParser {

    /** Redshift session settings PostgreSQL would reject as unknown. */
    static final Set<String> REDSHIFT_SETTINGS = Set.of("query_group", "wlm_query_slot_count", "analyze_threshold_percent");

    private final List<String> tokens;
    private int at;

    private CommandParser(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Empty when the statement is not one of ours. */
    static Optional<Command> parse(String sql) {
        List<String> tokens = tokenize(sql);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        CommandParser p = new CommandParser(tokens);
        String first = p.keyword(0);
        return switch (first) {
            case "vacuum" -> Optional.of(p.vacuum());
            case "analyze" -> Optional.of(p.analyze());
            case "set", "reset" -> p.set();
            default -> Optional.empty();
        };
    }

    private Command vacuum() {
        at = 1;
        Command.Variant variant = Command.Variant.FULL;
        if (accept("full")) {
            variant = Command.Variant.FULL;
        } else if (accept("sort")) {
            expect("only");
            variant = Command.Variant.SORT_ONLY;
        } else if (accept("delete")) {
            expect("only");
            variant = Command.Variant.DELETE_ONLY;
        } else if (accept("reindex")) {
            variant = Command.Variant.REINDEX;
        } else if (accept("recluster")) {
            variant = Command.Variant.RECLUSTER;
        }
        String table = null;
        Integer percent = null;
        if (!done() && !peekKeyword("boost") && !peekKeyword("to")) {
            table = tableName();
            if (accept("to")) {
                percent = number();
                expect("percent");
            }
        }
        boolean boost = accept("boost");
        end();
        checkVacuumRules(variant, table, percent, boost);
        return new Command.Vacuum(variant, table, percent, boost);
    }

    private static void checkVacuumRules(Command.Variant variant, String table, Integer percent, boolean boost) {
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new SqlError("22023", "TO threshold PERCENT must be between 0 and 100, found " + percent);
        }
        if (percent != null && (variant == Command.Variant.REINDEX || variant == Command.Variant.RECLUSTER)) {
            throw new SqlError("0A000", "VACUUM " + variant.name().replace('_', ' ') + " does not accept TO threshold PERCENT");
        }
        if (boost && variant == Command.Variant.REINDEX) {
            throw new SqlError("0A000", "VACUUM REINDEX does not support BOOST");
        }
        if (boost && table == null) {
            throw new SqlError("0A000", "VACUUM BOOST requires a table name");
        }
        if (table == null && (variant == Command.Variant.REINDEX || variant == Command.Variant.RECLUSTER)) {
            throw new SqlError("0A000", "VACUUM " + variant.name() + " requires a table name");
        }
    }

    private Command analyze() {
        at = 1;
        if (accept("compression")) {
            String table = done() || peekKeyword("comprows") ? null : tableName();
            List<String> columns = table == null ? List.of() : columnList();
            if (accept("comprows")) {
                number();
            }
            end();
            return new Command.AnalyzeCompression(table, columns);
        }
        accept("verbose");
        String table = null;
        List<String> columns = List.of();
        if (!done() && !peekKeyword("predicate") && !peekKeyword("all")) {
            table = tableName();
            columns = columnList();
        }
        boolean predicate = false;
        if (accept("predicate")) {
            expect("columns");
            predicate = true;
        } else if (accept("all")) {
            expect("columns");
        }
        end();
        return new Command.Analyze(table, columns, predicate);
    }

    private Optional<Command> set() {
        boolean reset = keyword(0).equals("reset");
        at = 1;
        accept("session");
        if (done()) {
            return Optional.empty();
        }
        String name = keyword(at++);
        if (name.equals("statement_timeout") && !reset) {
            if (!accept("to") && !accept("=")) {
                return Optional.empty();
            }
            String value = unquote(tokens.get(at));
            return Optional.of(new Command.StatementTimeout(parseMillis(value)));
        }
        if (!REDSHIFT_SETTINGS.contains(name)) {
            return Optional.empty();
        }
        if (reset) {
            end();
            return Optional.of(new Command.SetParameter(name, null));
        }
        if (!accept("to") && !accept("=")) {
            throw syntaxError(done() ? "end of input" : tokens.get(at));
        }
        String value = unquote(tokens.get(at++));
        end();
        if (!name.equals("query_group")) {
            try {
                Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new SqlError("22023", "invalid value for parameter \"" + name + "\": \"" + value + "\"");
            }
        }
        return Optional.of(new Command.SetParameter(name, value.equalsIgnoreCase("default") ? null : value));
    }

    static long parseMillis(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long factor = 1;
        if (v.endsWith("ms")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1);
            factor = 1000;
        } else if (v.endsWith("min")) {
            v = v.substring(0, v.length() - 3);
            factor = 60_000;
        }
        return Long.parseLong(v.trim()) * factor;
    }

    private List<String> columnList() {
        List<String> columns = new ArrayList<>();
        if (accept("(")) {
            do {
                columns.add(identifier());
            } while (accept(","));
            expect(")");
        }
        return columns;
    }

    /** A possibly schema-qualified table name, as written (quotes kept) for resolution later. */
    private String tableName() {
        StringBuilder name = new StringBuilder(rawIdentifier());
        if (accept(".")) {
            name.append('.').append(rawIdentifier());
        }
        return name.toString();
    }

    private String rawIdentifier() {
        if (done()) {
            throw syntaxError("end of input");
        }
        String token = tokens.get(at);
        if (!(token.startsWith("\"") || Character.isLetter(token.charAt(0)) || token.charAt(0) == '_')) {
            throw syntaxError(token);
        }
        at++;
        return token;
    }

    private String identifier() {
        String raw = rawIdentifier();
        return raw.startsWith("\"") ? raw.substring(1, raw.length() - 1).replace("\"\"", "\"") : raw.toLowerCase(Locale.ROOT);
    }

    private int number() {
        if (done()) {
            throw syntaxError("end of input");
        }
        try {
            return Integer.parseInt(tokens.get(at++));
        } catch (NumberFormatException e) {
            throw syntaxError(tokens.get(at - 1));
        }
    }

    private boolean accept(String keyword) {
        if (!done() && keyword(at).equals(keyword)) {
            at++;
            return true;
        }
        return false;
    }

    private boolean peekKeyword(String keyword) {
        return !done() && keyword(at).equals(keyword);
    }

    private void expect(String keyword) {
        if (!accept(keyword)) {
            throw syntaxError(done() ? "end of input" : tokens.get(at));
        }
    }

    private void end() {
        accept(";");
        if (!done()) {
            throw syntaxError(tokens.get(at));
        }
    }

    private boolean done() {
        return at >= tokens.size();
    }

    private String keyword(int index) {
        String token = tokens.get(index);
        return token.startsWith("\"") ? token : token.toLowerCase(Locale.ROOT);
    }

    private static SqlError syntaxError(String near) {
        return new SqlError("42601", near.equals("end of input") ? "syntax error at end of input"
                : "syntax error at or near \"" + near + "\"");
    }

    private static String unquote(String token) {
        if (token.startsWith("'") && token.endsWith("'") && token.length() >= 2) {
            return token.substring(1, token.length() - 1).replace("''", "'");
        }
        return token;
    }

    /** Words, quoted identifiers, string literals, numbers and single punctuation characters. */
    static List<String> tokenize(String sql) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                int start = i++;
                while (i < n) {
                    if (sql.charAt(i) == c) {
                        if (i + 1 < n && sql.charAt(i + 1) == c) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                if (i >= n) {
                    throw new SqlError("42601", "unterminated quoted " + (c == '"' ? "identifier" : "string"));
                }
                tokens.add(sql.substring(start, ++i));
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(sql.substring(start, i));
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }
}
