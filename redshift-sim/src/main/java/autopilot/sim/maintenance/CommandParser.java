package autopilot.sim.maintenance;

import autopilot.sim.dialect.SqlLexer;
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
        if (!Set.of("vacuum", "analyze", "set", "reset", "show").contains(firstWord(sql))) {
            return Optional.empty();
        }
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
            case "show" -> p.show();
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

    /** {@code SHOW name} of a Redshift-only setting; other parameters are PostgreSQL's to answer. */
    private Optional<Command> show() {
        at = 1;
        if (done()) {
            return Optional.empty();
        }
        String name = keyword(at++);
        if (!REDSHIFT_SETTINGS.contains(name)) {
            return Optional.empty();
        }
        end();
        return Optional.of(new Command.ShowParameter(name));
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

    /**
     * The significant tokens of {@code sql} by Redshift's lexical rules ({@link SqlLexer}: a
     * backslash escapes in string literals), as text; an unterminated string or quoted identifier
     * is a syntax error.
     */
    static List<String> tokenize(String sql) {
        List<String> tokens = new ArrayList<>();
        for (SqlLexer.Token token : SqlLexer.tokens(sql)) {
            if (!token.significant()) {
                continue;
            }
            String text = token.text();
            boolean quoted = token.kind() == SqlLexer.Kind.STRING || token.kind() == SqlLexer.Kind.QUOTED;
            if (quoted && (text.length() < 2 || text.charAt(text.length() - 1) != text.charAt(0))) {
                throw new SqlError("42601", "unterminated quoted " + (token.kind() == SqlLexer.Kind.QUOTED ? "identifier" : "string"));
            }
            tokens.add(text);
        }
        return tokens;
    }

    /** The statement's first word, lower case, or empty: whether it can be one of ours, without lexing it all. */
    private static String firstWord(String sql) {
        for (SqlLexer.Token token : SqlLexer.tokens(sql.length() > 200 ? sql.substring(0, 200) : sql)) {
            if (token.significant()) {
                return token.kind() == SqlLexer.Kind.WORD ? token.text().toLowerCase(Locale.ROOT) : "";
            }
        }
        return "";
    }
}
