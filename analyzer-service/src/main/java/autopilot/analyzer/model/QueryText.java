package autopilot.analyzer.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Query text to pattern: literals become {@code ?}, lists of them one {@code ?}, whitespace and
 * case are folded, and the result is hashed. A one-pass scan rather than a SQL parser (JSqlParser
 * was considered): STL_QUERY cuts text at 4,000 characters, so much of it does not parse, and a
 * parse per query would cost ~1 ms, 100 s on a 100,000-query snapshot. The scan replaced four
 * regular-expression passes, which took most of the analysis time on that snapshot.
 */
public final class QueryText {

    private static final Pattern LIST = Pattern.compile("\\(\\s*\\?(?:\\s*,\\s*\\?)+\\s*\\)");
    private static final Pattern WILDCARD = Pattern.compile("(?i)(?:\\bi?like\\s+'[%_])|(?:\\bsimilar\\s+to\\b)");
    private static final Pattern DISTINCT = Pattern.compile("(?i)\\bselect\\s+distinct\\b|\\bcount\\s*\\(\\s*distinct\\b");

    private QueryText() {
    }

    /** The text with literals replaced, lower case, single-spaced. */
    public static String normalise(String text) {
        if (text == null) return "";
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'') { // string literal, '' inside is a quote
                i++;
                while (i < n) {
                    if (text.charAt(i) == '\'') {
                        if (i + 1 < n && text.charAt(i + 1) == '\'') {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                i++;
                out.append('?');
            } else if (Character.isDigit(c) && (out.isEmpty() || !isWord(out.charAt(out.length() - 1)))) {
                int start = i;
                while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) i++;
                if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E') && i + 1 < n
                        && (Character.isDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '-' || text.charAt(i + 1) == '+')) {
                    i += 2;
                    while (i < n && Character.isDigit(text.charAt(i))) i++;
                }
                if (i < n && isWord(text.charAt(i))) { // an identifier that starts with digits: keep it
                    out.append(text, start, i);
                    continue;
                }
                out.append('?');
            } else if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(text.charAt(i))) i++;
                if (!out.isEmpty()) out.append(' ');
            } else {
                out.append(Character.toLowerCase(c));
                i++;
            }
        }
        String s = out.toString().trim();
        return s.indexOf("?,") >= 0 || s.indexOf("? ,") >= 0 ? LIST.matcher(s).replaceAll("(?)") : s;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** A short stable id of a normalised text. */
    public static String hash(String normalised) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /**
     * LIKE/ILIKE with a pattern that starts with a wildcard, or SIMILAR TO: zone maps cannot prune these.
     * The expression only runs on texts that mention its keyword: a case-insensitive search from
     * every position was most of the cost of a new pattern, and most texts have neither.
     */
    public static boolean wildcard(String text) {
        return text != null && (mentions(text, "like") || mentions(text, "similar")) && WILDCARD.matcher(text).find();
    }

    public static boolean distinct(String text) {
        return text != null && mentions(text, "distinct") && DISTINCT.matcher(text).find();
    }

    /** Whether the text contains the lower-case ASCII word in any ASCII case, as {@code (?i)} matches it. */
    static boolean mentions(String text, String word) {
        int last = text.length() - word.length();
        char first = word.charAt(0);
        for (int i = 0; i <= last; i++) {
            if ((text.charAt(i) | 0x20) != first) continue;
            int j = 1;
            while (j < word.length() && (text.charAt(i + j) | 0x20) == word.charAt(j)) j++;
            if (j == word.length()) return true;
        }
        return false;
    }

    /** Whitespace as {@code \s} means it (ASCII only). */
    static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\013' || c == '\f' || c == '\r';
    }

    /** The text cut to a length people can read in an event: runs of whitespace as one space. */
    public static String sample(String text) {
        if (text == null) return "";
        int n = Math.min(text.length(), 1200);
        StringBuilder out = new StringBuilder(n);
        boolean inSpace = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean space = space(c);
            if (!space) out.append(c);
            else if (!inSpace) out.append(' ');
            inSpace = space;
        }
        String s = out.toString().trim();
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }
}
