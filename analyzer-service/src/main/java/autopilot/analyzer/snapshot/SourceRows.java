package autopilot.analyzer.snapshot;

import autopilot.events.SnapshotPartCollected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The rows of one system-table source of a snapshot (all its parts), with typed access by column
 * name. Values are the JSON scalars the collector wrote; a column the source lacks (e.g. a
 * Serverless source without {@code scan_type}) reads as null, so rules handle both cluster kinds.
 */
public final class SourceRows {

    private final String source;
    /** Position of each column the analysis reads. */
    private final Map<String, Integer> index = new HashMap<>();
    /** Columns of the source the analysis does not read ({@link SnapshotData#read}): their values may not be kept. */
    private final Set<String> unread = new HashSet<>();
    private final List<List<Object>> rows = new ArrayList<>();
    /** Whether the rows were aggregated as they were read and are not kept ({@link SnapshotData#of(String, java.util.Collection, Set)}). */
    private final boolean aggregated;

    public SourceRows(String source, List<String> columns) {
        this(source, columns, false);
    }

    SourceRows(String source, List<String> columns, boolean aggregated) {
        this.source = source;
        this.aggregated = aggregated;
        for (int i = 0; i < columns.size(); i++) {
            if (SnapshotData.read(source, columns.get(i))) index.put(columns.get(i), i);
            else unread.add(columns.get(i));
        }
    }

    /** The rows of one part. */
    public static SourceRows of(SnapshotPartCollected part) {
        SourceRows rows = new SourceRows(part.source(), part.columns());
        rows.addAll(part.rows());
        return rows;
    }

    public String source() {
        return source;
    }

    /** Whether the rows were aggregated as they were read and not kept. */
    public boolean aggregated() {
        return aggregated;
    }

    private List<List<Object>> kept() {
        if (aggregated) {
            throw new IllegalStateException("the rows of " + source + " were aggregated as they were read and are not kept");
        }
        return rows;
    }

    void addAll(List<List<Object>> more) {
        rows.addAll(more);
    }

    public int size() {
        return kept().size();
    }

    public boolean has(String column) {
        return index.containsKey(column) || unread.contains(column);
    }

    /**
     * The position of a column in this source's rows, for reading many rows without looking the
     * name up in each; -1 when the source lacks it (its values read as null).
     *
     * @throws IllegalStateException when the column is one the analysis does not keep ({@link SnapshotData#read})
     */
    public int column(String column) {
        Integer i = index.get(column);
        if (i != null) return i;
        if (unread.contains(column)) {
            throw new IllegalStateException("column " + column + " of " + source + " is not kept for the analysis: "
                    + "add it to the columns read in SnapshotData");
        }
        return -1;
    }

    /** One row, read through the column index. */
    public Row row(int i) {
        return new Row(kept().get(i));
    }

    /** Every row. (A plain iterator, not a stream's: the view of each row then costs nothing once compiled.) */
    public Iterable<Row> rows() {
        List<List<Object>> rows = kept();
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < rows.size();
            }

            @Override
            public Row next() {
                if (next >= rows.size()) throw new NoSuchElementException();
                return new Row(rows.get(next++));
            }
        };
    }

    /** Typed view of one row. */
    public final class Row {
        private final List<Object> values;

        private Row(List<Object> values) {
            this.values = values;
        }

        public boolean has(String column) {
            return SourceRows.this.has(column);
        }

        public Object get(String column) {
            return get(column(column));
        }

        /** The value at a position from {@link SourceRows#column}; null for -1 (a column the source lacks). */
        public Object get(int column) {
            return column < 0 || column >= values.size() ? null : values.get(column);
        }

        public String string(String column) {
            return string(column(column));
        }

        public String string(int column) {
            Object v = get(column);
            return v == null ? null : v.toString().trim();
        }

        public Long longValue(String column) {
            return longValue(column(column));
        }

        public Long longValue(int column) {
            Object v = get(column);
            if (v == null) return null;
            if (v instanceof Number n) return n.longValue();
            String s = v.toString().trim();
            return s.isEmpty() ? null : (long) Double.parseDouble(s);
        }

        public long longOr(String column, long fallback) {
            return longOr(column(column), fallback);
        }

        public long longOr(int column, long fallback) {
            Object v = get(column);
            if (v instanceof Number n) return n.longValue();
            Long parsed = v == null ? null : longValue(column);
            return parsed == null ? fallback : parsed;
        }

        public Double doubleValue(String column) {
            return doubleValue(column(column));
        }

        public Double doubleValue(int column) {
            Object v = get(column);
            if (v == null) return null;
            if (v instanceof Number n) return n.doubleValue();
            String s = v.toString().trim();
            return s.isEmpty() ? null : Double.parseDouble(s);
        }

        public boolean bool(String column) {
            return bool(column(column));
        }

        public boolean bool(int column) {
            Object v = get(column);
            if (v == null) return false;
            if (v instanceof Boolean b) return b;
            if (v instanceof Number n) return n.intValue() != 0;
            String s = v.toString().trim();
            return s.equalsIgnoreCase("t") || s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("y");
        }

        public Instant instant(String column) {
            return instant(column(column));
        }

        public Instant instant(int column) {
            Object v = get(column);
            if (v == null) return null;
            String s = v.toString().trim();
            if (s.isEmpty()) return null;
            boolean zoned = s.endsWith("Z");
            Instant fast = utc(s, zoned);
            if (fast != null) return fast;
            return zoned ? Instant.parse(s) : Instant.parse(s.replace(' ', 'T') + "Z");
        }
    }

    /**
     * The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]} in UTC (then 'Z', or with a space for the
     * 'T' when not zoned), or null for any other text, which {@link Instant#parse} then reads with
     * its own rules and errors. Instant.parse builds a formatter and a field map per call, which
     * made timestamp reading about a fifth of workload aggregation (half a million per snapshot).
     */
    static Instant utc(String s, boolean zoned) {
        int end = zoned ? s.length() - 1 : s.length();
        if (end < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') return null;
        char t = s.charAt(10);
        if (t != 'T' && (zoned || t != ' ')) return null;
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) return null;
        int nanos = 0;
        if (end > 19) {
            int fraction = end - 20;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) return null;
            nanos = digits(s, 20, end);
            if (nanos < 0) return null;
            for (int i = fraction; i < 9; i++) nanos *= 10;
        }
        if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) return null;
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
    }

    /** The non-negative number of the ASCII digits from..to, or -1 if any is not one. */
    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
