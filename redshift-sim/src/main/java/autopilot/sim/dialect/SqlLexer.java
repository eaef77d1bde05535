package autopilot.sim.dialect;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL into tokens by Redshift's lexical rules, keeping every character: the tokens'
 * texts joined give the input back, so a translation changes only what it means to change.
 *
 * <p>Why not a grammar's token manager (JSqlParser's, say): Redshift reads a backslash in an
 * ordinary string literal as an escape ({@code '\''} is one quote), which no PostgreSQL grammar
 * does, and the translation needs whitespace and comments kept exactly. The rules are few:
 * comments ({@code --}, nested {@code /* *}{@code /}), string literals, quoted identifiers,
 * dollar-quoted bodies, positional parameters, numbers, words, operators and punctuation.
 */
public final class SqlLexer {

    public enum Kind { SPACE, COMMENT, STRING, QUOTED, DOLLAR, PARAM, NUMBER, WORD, OP, PUNCT }

    /** One token; {@code text} is exactly the input's characters. */
    public record Token(Kind kind, String text) {

        public boolean significant() {
            return kind != Kind.SPACE && kind != Kind.COMMENT;
        }

        public boolean is(String punctOrOp) {
            return (kind == Kind.PUNCT || kind == Kind.OP) && text.equals(punctOrOp);
        }

        /** A word (keyword or unquoted identifier) equal to {@code word}, ignoring case. */
        public boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }
    }

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private SqlLexer() {}

    public static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            Kind kind;
            if (Character.isWhitespace(c)) {
                end = i + 1;
                while (end < n && Character.isWhitespace(sql.charAt(end))) {
                    end++;
                }
                kind = Kind.SPACE;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                kind = Kind.COMMENT;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = blockCommentEnd(sql, i);
                kind = Kind.COMMENT;
            } else if (c == '\'') {
                end = stringEnd(sql, i);
                kind = Kind.STRING;
            } else if (c == '"') {
                end = quotedEnd(sql, i);
                kind = Kind.QUOTED;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                end = i + 1;
                while (end < n && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                kind = Kind.PARAM;
            } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                end = close < 0 ? n : close + tag.length();
                kind = Kind.DOLLAR;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                end = numberEnd(sql, i);
                kind = Kind.NUMBER;
            } else if (isWordStart(c)) {
                end = i + 1;
                while (end < n && isWordPart(sql.charAt(end))) {
                    end++;
                }
                kind = Kind.WORD;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                end = i + 2;
                kind = Kind.OP;
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                end = i + 1;
                while (end < n && OPERATOR_CHARS.indexOf(sql.charAt(end)) >= 0
                        && !sql.startsWith("--", end) && !sql.startsWith("/*", end)) {
                    end++;
                }
                kind = Kind.OP;
            } else {
                end = i + 1;
                kind = Kind.PUNCT;
            }
            out.add(new Token(kind, sql.substring(i, end)));
            i = end;
        }
        return out;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }

    private static int blockCommentEnd(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length() - 1) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** A backslash escapes the next character; a doubled quote is a quote. Unterminated: to the end. */
    private static int stringEnd(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int quotedEnd(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == '"') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '"') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** End of a dollar-quote opening tag ({@code $$} or {@code $tag$}) at {@code start}, or -1. */
    private static int dollarTagEnd(String sql, int start) {
        int i = start + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
    }

    private static int numberEnd(String sql, int start) {
        int i = start;
        while (i < sql.length() && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
            if (sql.charAt(i) == '.' && i + 1 < sql.length() && sql.charAt(i + 1) == '.') {
                break;
            }
            i++;
        }
        if (i < sql.length() && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < sql.length() && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                j++;
            }
            if (j < sql.length() && Character.isDigit(sql.charAt(j))) {
                i = j;
                while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }
}
