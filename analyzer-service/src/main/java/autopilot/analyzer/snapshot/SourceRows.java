package autopilot.analyzer.snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one system-table source of a snapshot (all its parts), with typed access by column
 * name. Values are the JSON scalars the collector wrote; a column the source lacks (e.g. a
 * Serverless source without {@code scan_type}) reads as null, so rules handle both cluster kinds.
 */
public final class SourceRows {

    private final String source;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<List<Object>> rows = new ArrayList<>();

    public SourceRows(String source, List<String> columns) {
        this.source = source;
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
    }

    public String source() {
        return source;
    }

    void addAll(List<List<Object>> more) {
        rows.addAll(more);
    }

    public int size() {
        return rows.size();
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    /** One row, read through the column index. */
    public Row row(int i) {
        return new Row(rows.get(i));
    }

    /** Every row. */
    public Iterable<Row> rows() {
        return () -> rows.stream().map(Row::new).iterator();
    }

    /** Typed view of one row. */
    public final class Row {
        private final List<Object> values;

        private Row(List<Object> values) {
            this.values = values;
        }

        public boolean has(String column) {
            return index.containsKey(column);
        }

        public Object get(String column) {
            Integer i = index.get(column);
            return i == null || i >= values.size() ? null : values.get(i);
        }

        public String string(String column) {
            Object v = get(column);
            return v == null ? null : v.toString().trim();
        }

        public Long longValue(String column) {
            Object v = get(column);
            if (v == null) return null;
            if (v instanceof Number n) return n.longValue();
            String s = v.toString().trim();
            return s.isEmpty() ? null : (long) Double.parseDouble(s);
        }

        public long longOr(String column, long fallback) {
            Long v = longValue(column);
            return v == null ? fallback : v;
        }

        public Double doubleValue(String column) {
            Object v = get(column);
            if (v == null) return null;
            if (v instanceof Number n) return n.doubleValue();
            String s = v.toString().trim();
            return s.isEmpty() ? null : Double.parseDouble(s);
        }

        public boolean bool(String column) {
            Object v = get(column);
            if (v == null) return false;
            if (v instanceof Boolean b) return b;
            if (v instanceof Number n) return n.intValue() != 0;
            String s = v.toString().trim();
            return s.equalsIgnoreCase("t") || s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("y");
        }

        public Instant instant(String column) {
            Object v = get(column);
            if (v == null) return null;
            String s = v.toString().trim();
            if (s.isEmpty()) return null;
            return s.endsWith("Z") ? Instant.parse(s) : Instant.parse(s.replace(' ', 'T') + "Z");
        }
    }
}
