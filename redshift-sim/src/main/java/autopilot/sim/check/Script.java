package autopilot.sim.check;

import autopilot.sim.dialect.SqlLexer;
import autopilot.sim.dialect.SqlLexer.Kind;
import autopilot.sim.dialect.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A SQL file cut into its statements at the semicolons {@link SqlLexer} sees as punctuation, so a
 * semicolon inside a comment, a string literal (Redshift's backslash escapes included), a quoted
 * identifier or a dollar-quoted body does not end a statement.
 */
final class Script {

    /** One statement: its text without leading comments or the closing semicolon, and where it starts. */
    record Statement(int number, int line, String sql) {

        /** The first {@code max} characters with runs of white space (line breaks too) as one space. */
        String head(int max) {
            String flat = sql.replaceAll("\\s+", " ").strip();
            return flat.length() <= max ? flat : flat.substring(0, max) + "...";
        }

        /**
         * The name, as written (quotes kept), of the view a {@code CREATE [OR REPLACE] VIEW} makes;
         * empty for any other statement, {@code CREATE MATERIALIZED VIEW} included (it runs when created).
         */
        Optional<String> createdView() {
            List<Token> t = SqlLexer.tokens(sql).stream().filter(Token::significant).toList();
            int i = 0;
            if (t.size() < 3 || !t.get(i++).isWord("create")) {
                return Optional.empty();
            }
            if (t.get(i).isWord("or") && i + 1 < t.size() && t.get(i + 1).isWord("replace")) {
                i += 2;
            }
            if (i >= t.size() || !t.get(i++).isWord("view")) {
                return Optional.empty();
            }
            StringBuilder name = new StringBuilder();
            while (i < t.size() && (t.get(i).kind() == Kind.WORD || t.get(i).kind() == Kind.QUOTED)) {
                name.append(t.get(i++).text());
                if (i + 1 < t.size() && t.get(i).is(".")) {
                    name.append(t.get(i++).text());
                } else {
                    break;
                }
            }
            return name.isEmpty() ? Optional.empty() : Optional.of(name.toString());
        }
    }

    private Script() {
    }

    static List<Statement> statements(String sql) {
        List<Statement> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int line = 1;
        int startLine = 1;
        for (Token token : SqlLexer.tokens(sql)) {
            if (token.is(";")) {
                add(out, current, startLine);
                current = new ArrayList<>();
            } else if (token.significant() || !current.isEmpty()) {
                if (current.isEmpty()) {
                    startLine = line;
                }
                current.add(token);
            }
            line += (int) token.text().chars().filter(c -> c == '\n').count();
        }
        add(out, current, startLine);
        return out;
    }

    private static void add(List<Statement> out, List<Token> tokens, int line) {
        int end = tokens.size();
        while (end > 0 && !tokens.get(end - 1).significant()) {
            end--;
        }
        if (end > 0) {
            StringBuilder sql = new StringBuilder();
            tokens.subList(0, end).forEach(t -> sql.append(t.text()));
            out.add(new Statement(out.size() + 1, line, sql.toString()));
        }
    }
}
