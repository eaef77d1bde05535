package autopilot.sim.catalog;

import autopilot.sim.model.ScanSlices;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.TableLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A query's work as the simulator lays it out: each scan, then each step, then each write is a
 * segment of its own (stream 0, step 0), all starting when execution starts. Every relation that
 * shows segments or steps (STL_SCAN, SVL_QUERY_SUMMARY and the step tables over it,
 * SYS_QUERY_DETAIL, STL_ALERT_EVENT_LOG, STL_PLAN_INFO) numbers them from this one list, so their
 * segment numbers join.
 */
final class QuerySegments {

    /**
     * One segment.
     *
     * @param kind      the step's kind: the first word of its label ({@code scan}, {@code dist}, {@code insert}, ...)
     * @param label     SVL_QUERY_SUMMARY's label
     * @param tbl       the table it reads or writes (scans, writes), else null
     * @param tableName that table's name, else null
     * @param millis    the slowest slice's time: the segment's time
     * @param avgMicros the slices' average time, in microseconds
     * @param workmem   working memory a slice had for the step, in bytes (0 for scans and writes)
     * @param scan      the scan, for scan segments; its slices are in {@code slices}
     */
    record Segment(int index, String kind, String label, Long tbl, String tableName, long rows, long bytes, long millis,
                   long avgMicros, boolean diskBased, long workmem, Scenario.Scan scan, List<Scenario.SliceScan> slices) {

        boolean isScan() {
            return scan != null;
        }
    }

    /** Bytes per written row, as the simulator counts per scanned row when a scenario gives none. */
    private static final long BYTES_PER_ROW = 64;

    private QuerySegments() {
    }

    /**
     * The segments of {@code q}, run in {@code database}; {@code workmem} is what a step gets when
     * the scenario gives it none.
     */
    static List<Segment> of(Scenario.Query q, String database, TableLookup<Long> tableIds, int slices, long workmem, int queryId) {
        List<Segment> segments = new ArrayList<>();
        for (Scenario.Scan s : q.scans()) {
            long tbl = tableId(s.table(), database, tableIds, queryId);
            String tableName = TableLookup.tableName(s.table());
            List<Scenario.SliceScan> perSlice = ScanSlices.of(s, slices);
            long bytes = 0;
            long sliceMillis = 0;
            for (Scenario.SliceScan part : perSlice) {
                bytes += part.bytes();
                sliceMillis += part.millis();
            }
            long avgMicros = perSlice.isEmpty() ? 0 : sliceMillis * 1000 / perSlice.size();
            segments.add(new Segment(segments.size(), "scan", "scan   tbl=" + tbl + " name=" + tableName, tbl, tableName, s.rows(),
                    bytes, s.millis(), avgMicros, false, 0, s, perSlice));
        }
        for (Scenario.Step step : q.steps()) {
            segments.add(new Segment(segments.size(), kind(step.label()), step.label(), null, null, step.rows(), step.bytes(),
                    step.millis(), step.millis() * 1000, step.diskBased(), step.workmem() > 0 ? step.workmem() : workmem, null, List.of()));
        }
        for (Scenario.Write w : q.writes()) {
            long tbl = tableId(w.table(), database, tableIds, queryId);
            String tableName = TableLookup.tableName(w.table());
            long millis = w.millis() > 0 ? w.millis() : Math.max(1, q.execMillis());
            for (String kind : writeKinds(q.text())) {
                segments.add(new Segment(segments.size(), kind, kind + " tbl=" + tbl + " name=" + tableName, tbl, tableName, w.rows(),
                        w.rows() * BYTES_PER_ROW, millis, millis * 1000, false, 0, null, List.of()));
            }
        }
        return segments;
    }

    /**
     * What a write does to its table, by the statement: DELETE deletes, UPDATE deletes the old rows
     * and inserts the new ones (Redshift updates that way), anything else (INSERT, COPY, CTAS) inserts.
     */
    static List<String> writeKinds(String text) {
        String first = firstWord(text == null ? "" : text.stripLeading()).toUpperCase(Locale.ROOT);
        return switch (first) {
            case "DELETE" -> List.of("delete");
            case "UPDATE" -> List.of("delete", "insert");
            default -> List.of("insert");
        };
    }

    /** A step's kind: the first word of its label. */
    static String kind(String label) {
        return label == null ? "" : firstWord(label.strip()).toLowerCase(Locale.ROOT);
    }

    /**
     * SYS_QUERY_DETAIL's step_name of a step kind; null for kinds it has no name for. The names are
     * those the SYS_QUERY_DETAIL page lists (https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_DETAIL.html).
     */
    static String stepName(String kind) {
        return switch (kind) {
            case "scan", "hash", "sort", "return", "insert", "delete", "limit", "merge", "save", "unique", "window", "parse" -> kind;
            case "dist" -> "distribute";
            case "bcast" -> "broadcast";
            case "hjoin" -> "hashjoin";
            case "nloop" -> "nestloop";
            case "aggr" -> "aggregate";
            default -> null;
        };
    }

    private static long tableId(String table, String database, TableLookup<Long> tableIds, int queryId) {
        Long tbl = tableIds.find(table, database);
        if (tbl == null) {
            throw new IllegalArgumentException("query " + queryId + " uses unknown table " + table + " (database " + database + ")");
        }
        return tbl;
    }

    /** Up to the first blank, as {@code split("\\s+", 2)[0]} for text without leading blanks. */
    static String firstWord(String text) {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case ' ', '\t', '\n', '\013', '\f', '\r' -> {
                    return text.substring(0, i);
                }
                default -> {
                }
            }
        }
        return text;
    }
}
