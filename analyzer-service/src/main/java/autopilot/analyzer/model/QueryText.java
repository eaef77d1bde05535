package autopilot.analyzer.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Query text to pattern: literals become {@code ?}, lists of them one {@code ?}, whitespace and
 * case are folded, and the result is hashed. A regular-expression pass rather than a SQL parser
 * (JSqlParser was considered): STL_QUERY cuts text at 4,000 characters, so much of it does not
 * parse, and a parse per query would cost ~1 ms, 100 s on a 100,000-query snapshot.
 */
public final class QueryText {

    private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w$])[-+]?\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?(?![\\w$])");
    private static final Pattern LIST = Pattern.compile("\\(\\s*\\?(?:\\s*,\\s*\\?)+\\s*\\)");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern WILDCARD = Pattern.compile("(?i)(?:\\bi?like\\s+'[%_])|(?:\\bsimilar\\s+to\\b)");
    private static final Pattern DISTINCT = Pattern.compile("(?i)\\bselect\\s+distinct\\b|\\bcount\\s*\\(\\s*distinct\\b");

    private QueryText() {
    }

    /** The text with literals replaced, lower case, single-spaced. */
    public static String normalise(String text) {
        if (text == null) return "";
        String s = STRING.matcher(text).replaceAll("?");
        s = NUMBER.matcher(s).replaceAll("?");
        s = LIST.matcher(s).replaceAll("(?)");
        return SPACE.matcher(s).replaceAll(" ").trim().toLowerCase(java.util.Locale.ROOT);
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

    /** LIKE/ILIKE with a pattern that starts with a wildcard, or SIMILAR TO: zone maps cannot prune these. */
    public static boolean wildcard(String text) {
        return text != null && WILDCARD.matcher(text).find();
    }

    public static boolean distinct(String text) {
        return text != null && DISTINCT.matcher(text).find();
    }

    /** The text cut to a length people can read in an event. */
    public static String sample(String text) {
        if (text == null) return "";
        String s = SPACE.matcher(text).replaceAll(" ").trim();
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }
}
