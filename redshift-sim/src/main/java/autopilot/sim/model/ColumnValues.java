package autopilot.sim.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of one column of a table's sample ({@link Scenario#sampleRows()}), from its
 * {@link Scenario.Values} model: deterministic, so the same scenario always holds the same rows.
 *
 * <p>Row {@code i} is NULL, the column's most common value, or one of the others by a
 * low-discrepancy sequence (the golden ratio's multiples, offset per column by a seed): the shares
 * of NULLs and of the top value come out within a few rows of the model's, not within a random
 * draw's error, so tests can hold the collector's profile to tight tolerances. The other values are
 * dealt out in turn, so a sample with more rows than the column has values shows every value, and
 * one with fewer shows as many distinct values as it has rows (a unique column stays unique).
 */
public final class ColumnValues {

    private static final double GOLDEN = 0.6180339887498949;
    private static final Pattern TYPE = Pattern.compile("\\s*([A-Za-z0-9 ]+?)\\s*(?:\\((\\d+)\\s*(?:,\\s*(\\d+))?\\))?\\s*");
    private static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
    private static final LocalDateTime FIRST_SECOND = LocalDateTime.of(2020, 1, 1, 0, 0);
    private static final int DEFAULT_MAX_LENGTH = 32;

    /** How values are written into a column of this type. */
    public enum Kind { SMALLINT, INTEGER, BIGINT, DECIMAL, FLOAT, BOOLEAN, DATE, TIMESTAMP, CHAR, VARCHAR }

    private final Kind kind;
    private final double nullFraction;
    private final double topShare;
    private final long cardinality;
    private final int maxLength;
    private final double offset;
    private long dealt;

    private ColumnValues(Kind kind, double nullFraction, double topShare, long cardinality, int maxLength, long seed) {
        this.kind = kind;
        this.nullFraction = nullFraction;
        this.topShare = topShare;
        this.cardinality = cardinality;
        this.maxLength = maxLength;
        this.offset = (seed >>> 11) * 0x1.0p-53;
    }

    /**
     * The values of a column of a table whose sample has {@code sampleRows} rows; problems (a model
     * the declared type cannot hold) are added to {@code problems} under {@code at}, and null returned.
     */
    public static ColumnValues of(Scenario.Table table, Scenario.Column column, long sampleRows, String at, List<String> problems) {
        Scenario.Values v = column.values();
        if (v == null && column.name().equals(table.distkey()) && table.distkeyValues() != null) {
            Scenario.KeyDistribution d = table.distkeyValues();
            v = new Scenario.Values(d.nullFraction(), d.cardinality(), d.topValueShare(), null);
        }
        boolean explicit = v != null;
        v = v == null ? new Scenario.Values(null, null, null, null) : v;
        String where = at + ".columns (" + column.name() + ")";
        Matcher m = TYPE.matcher(column.type() == null ? "" : column.type());
        Kind kind = m.matches() ? kind(m.group(1)) : null;
        if (kind == null) {
            problems.add(where + ".type: '" + column.type() + "' cannot hold generated rows (sampleRows); expected SMALLINT, "
                    + "INTEGER, BIGINT, DECIMAL(p,s), REAL, DOUBLE PRECISION, BOOLEAN, DATE, TIMESTAMP, CHAR(n) or VARCHAR(n)");
            return null;
        }
        int size = m.group(2) == null ? (kind == Kind.CHAR ? 1 : kind == Kind.VARCHAR ? 256 : 18) : Integer.parseInt(m.group(2));
        int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        double nulls = v.nullFraction() == null ? 0 : v.nullFraction();
        double top = v.topValueShare() == null ? 0 : v.topValueShare();
        int before = problems.size();
        if (nulls < 0 || nulls > 1 || top < 0 || top > 1 || nulls + top > 1) {
            problems.add(where + ".values: nullFraction and topValueShare are shares of the rows (0-1) and add up to at most 1, found "
                    + nulls + " and " + top);
        }
        if (column.notNull() && nulls > 0) {
            problems.add(where + ".values.nullFraction: the column is NOT NULL, so it must be 0, found " + nulls);
        }
        int length = v.maxLength() == null ? Math.min(size, DEFAULT_MAX_LENGTH) : v.maxLength();
        boolean text = kind == Kind.CHAR || kind == Kind.VARCHAR;
        if (v.maxLength() != null && (!text || length < 1 || length > size)) {
            problems.add(where + ".values.maxLength: " + (text ? "must be between 1 and the declared length " + size
                    : "only CHAR and VARCHAR columns have a length") + ", found " + v.maxLength());
        }
        long capacity = capacity(kind, size, scale, length);
        long wanted = v.cardinality() == null ? Math.max(1, sampleRows) : v.cardinality();
        if (v.cardinality() != null && (wanted < 1 || wanted > capacity)) {
            problems.add(where + ".values.cardinality: " + column.type() + (text ? " of at most " + length + " characters" : "")
                    + " holds 1 to " + capacity + " distinct values, found " + wanted);
        }
        if (problems.size() > before) {
            return null;
        }
        long seed = (table.schema() + "." + table.name() + "." + column.name()).hashCode() * 0x9E3779B97F4A7C15L;
        // A cardinality nobody asked for is capped by what the type holds (a CHAR(2) has no 20,000 values).
        return new ColumnValues(kind, nulls, top, explicit ? wanted : Math.min(wanted, capacity), length, seed);
    }

    private static Kind kind(String declared) {
        String t = declared.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        return switch (t) {
            case "SMALLINT", "INT2" -> Kind.SMALLINT;
            case "INTEGER", "INT", "INT4" -> Kind.INTEGER;
            case "BIGINT", "INT8" -> Kind.BIGINT;
            case "DECIMAL", "NUMERIC" -> Kind.DECIMAL;
            case "REAL", "FLOAT4", "FLOAT", "FLOAT8", "DOUBLE PRECISION" -> Kind.FLOAT;
            case "BOOLEAN", "BOOL" -> Kind.BOOLEAN;
            case "DATE" -> Kind.DATE;
            case "TIMESTAMP", "TIMESTAMP WITHOUT TIME ZONE" -> Kind.TIMESTAMP;
            case "CHAR", "CHARACTER", "NCHAR", "BPCHAR" -> Kind.CHAR;
            case "VARCHAR", "CHARACTER VARYING", "NVARCHAR", "TEXT" -> Kind.VARCHAR;
            default -> null;
        };
    }

    /** How many distinct values a column of the type can hold, as this class writes them. */
    private static long capacity(Kind kind, int size, int scale, int length) {
        return switch (kind) {
            case SMALLINT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            case BOOLEAN -> 2;
            case DECIMAL -> size - scale >= 18 ? Long.MAX_VALUE : pow(10, size - scale) - 1;
            case DATE -> 2_000_000;
            case CHAR, VARCHAR -> length >= 12 ? Long.MAX_VALUE : pow(36, length);
            default -> Long.MAX_VALUE;
        };
    }

    private static long pow(long base, int exponent) {
        long r = 1;
        for (int i = 0; i < exponent; i++) {
            r *= base;
        }
        return r;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The index of row {@code row}'s value: -1 for NULL, 0 for the most common value, else one of
     * the others. Rows must be asked for in order (the others are dealt out in turn).
     */
    public long index(long row) {
        double u = (offset + row * GOLDEN) % 1.0;
        if (u < nullFraction) {
            return -1;
        }
        if (u < nullFraction + topShare || cardinality == 1) {
            return 0;
        }
        // With a top value the others are 1..cardinality-1; without one every value takes its turn.
        long others = topShare > 0 ? cardinality - 1 : cardinality;
        long next = dealt++ % others;
        return topShare > 0 ? next + 1 : next;
    }

    /** The value of an index as COPY text: numbers, ISO dates and times, or ASCII strings of varied length. */
    public String text(long index) {
        return switch (kind) {
            case SMALLINT, INTEGER, BIGINT, DECIMAL, FLOAT -> Long.toString(index + 1);
            case BOOLEAN -> index % 2 == 0 ? "t" : "f";
            case DATE -> FIRST_DAY.plusDays(index).toString();
            case TIMESTAMP -> FIRST_SECOND.plusSeconds(index).toString().replace('T', ' ');
            case CHAR, VARCHAR -> string(index);
        };
    }

    /**
     * A string unique to the index: its base-36 digits, padded with '_' and letters to a length between a
     * third of {@code maxLength} and {@code maxLength}; the first two values are as long as allowed,
     * so the longest value in any sample is {@code maxLength}.
     */
    private String string(long index) {
        String digits = Long.toString(index, 36);
        int least = Math.max(digits.length(), (maxLength + 2) / 3);
        int length = index < 2 ? maxLength : least + (int) Math.floorMod(index * 0x9E3779B97F4A7C15L >>> 7, maxLength - least + 1);
        StringBuilder s = new StringBuilder(length).append(digits);
        if (s.length() < length) {
            // '_' is no base-36 digit: padding never makes two values equal.
            s.append('_');
        }
        while (s.length() < length) {
            s.append((char) ('a' + s.length() % 26));
        }
        return s.toString();
    }
}
