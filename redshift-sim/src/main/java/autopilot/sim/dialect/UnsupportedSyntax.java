package autopilot.sim.dialect;

import autopilot.sim.dialect.RedshiftDialect.Refusal;
import autopilot.sim.dialect.SqlLexer.Kind;
import autopilot.sim.dialect.SqlLexer.Token;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PostgreSQL syntax that Redshift does not have, refused before PostgreSQL could run it
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-features.html and
 * c_unsupported-postgresql-functions.html): IS [NOT] DISTINCT FROM, escape-string constants
 * ({@code E'...'}, which PostgreSQL 8.0, Redshift's base, did not have: Redshift reads {@code E} as
 * a type name), array constructors, and CREATE INDEX / SEQUENCE / TRIGGER. AWS documents that these
 * are unsupported, not the error text; the messages here are the simulator's, naming the feature.
 */
final class UnsupportedSyntax {

    private static final Pattern PREFILTER = Pattern.compile("distinct|[eE]'|array\\s*\\[|create\\s+(unique\\s+)?(index|sequence|trigger)",
            Pattern.CASE_INSENSITIVE);

    private UnsupportedSyntax() {}

    static Optional<Refusal> check(String sql) {
        if (!PREFILTER.matcher(sql).find()) {
            return Optional.empty();
        }
        List<Token> all = SqlLexer.tokens(sql);
        for (int i = 0; i < all.size(); i++) {
            Token tok = all.get(i);
            Token next = i + 1 < all.size() ? all.get(i + 1) : null;
            if (tok.kind() == Kind.WORD && tok.text().equalsIgnoreCase("e") && next != null && next.kind() == Kind.STRING) {
                return Optional.of(new Refusal("42704", "type \"e\" does not exist"));
            }
        }
        List<Token> t = all.stream().filter(Token::significant).toList();
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).isWord("is") && wordAt(t, i + 1, "distinct") || t.get(i).isWord("is") && wordAt(t, i + 1, "not")
                    && wordAt(t, i + 2, "distinct")) {
                return Optional.of(new Refusal("0A000", "IS [NOT] DISTINCT FROM is not supported by Amazon Redshift"));
            }
            if (t.get(i).isWord("array") && i + 1 < t.size() && t.get(i + 1).is("[")) {
                return Optional.of(new Refusal("0A000", "array constructors (ARRAY[...]) are not supported by Amazon Redshift"));
            }
            if (t.get(i).isWord("create") && (wordAt(t, i + 1, "index") || wordAt(t, i + 1, "sequence") || wordAt(t, i + 1, "trigger")
                    || wordAt(t, i + 1, "unique") && wordAt(t, i + 2, "index"))) {
                return Optional.of(new Refusal("0A000", "CREATE " + t.get(i + 1).text().toUpperCase(java.util.Locale.ROOT)
                        + " is not supported by Amazon Redshift (no indexes, sequences or triggers)"));
            }
        }
        return Optional.empty();
    }

    private static boolean wordAt(List<Token> t, int i, String word) {
        return i < t.size() && t.get(i).isWord(word);
    }
}
