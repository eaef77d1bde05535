package autopilot.console;

import java.util.List;

/**
 * Query parameters of console pages, checked the same way on every page: a missing value takes its default, a bad one
 * is a {@link BadParameter} whose message says what was expected and what came, for the page's 400.
 */
public final class Params {

    private Params() {
    }

    /** A query parameter that is not what the page expects; {@code heading} names it for people. */
    public static final class BadParameter extends RuntimeException {
        private final String heading;

        BadParameter(String heading, String message) {
            super(message);
            this.heading = heading;
        }

        public String heading() {
            return heading;
        }
    }

    /** A 1-based page number; 1 when absent. */
    public static int page(String value) {
        Integer n = positive(value, 1);
        if (n == null) throw new BadParameter("Bad page", "page must be a whole number from 1, was " + value);
        return n;
    }

    /** Rows per page, from 1 to {@code max}; {@code absent} when absent. */
    public static int size(String value, int absent, int max) {
        Integer n = positive(value, absent);
        if (n == null || n > max) throw new BadParameter("Bad page size", "size must be a whole number from 1 to " + max + ", was " + value);
        return n;
    }

    /**
     * One of the allowed words, compared without regard to case and returned as spelled in {@code allowed}; null when
     * absent (no filter).
     */
    public static String oneOf(String name, String value, List<String> allowed) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) return a;
        }
        throw new BadParameter("Unknown " + name, name + " must be one of " + allowed + ", was " + value);
    }

    /** A free-text filter (a cluster id): trimmed, null when absent. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The enum's constant names, for {@link #oneOf}. */
    public static List<String> names(Class<? extends Enum<?>> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    private static Integer positive(String value, int absent) {
        if (value == null || value.isBlank()) return absent;
        try {
            int n = Integer.parseInt(value.trim());
            return n >= 1 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
