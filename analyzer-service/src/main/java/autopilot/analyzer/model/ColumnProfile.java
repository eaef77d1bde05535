package autopilot.analyzer.model;

import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.snapshot.SourceRows;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the collector measured of one column's values (source {@code column_profile}, usually a sample, about once a
 * day per table). Sample counts are only meaningful as shares of {@link #profiledRows}.
 *
 * @param topValueRows   rows holding the most frequent non-NULL value, if measured
 * @param maxOctetLength longest value in bytes (CHAR/VARCHAR only), if measured
 */
public record ColumnProfile(long tableId, String column, long profiledRows, long nonNullRows, long distinctValues,
                            Long topValueRows, Integer maxOctetLength, Instant profiledAt) {

    /** A sample whose distinct values are at least this share of its non-NULL rows is (nearly) unique. */
    public static final double HIGH_CARDINALITY_SHARE = 0.9;

    public double nullShare() {
        return profiledRows == 0 ? 0 : 1.0 - (double) nonNullRows / profiledRows;
    }

    public double topShare() {
        return profiledRows == 0 || topValueRows == null ? 0 : (double) topValueRows / profiledRows;
    }

    /** Nearly every sampled value distinct: the column has far more values than the sample could show. */
    public boolean highCardinality() {
        return nonNullRows > 0 && distinctValues >= HIGH_CARDINALITY_SHARE * nonNullRows;
    }

    /** The profiles of a snapshot: table id -> column (lower case) -> profile. */
    public static Map<Long, Map<String, ColumnProfile>> of(SnapshotData snapshot) {
        Map<Long, Map<String, ColumnProfile>> profiles = new HashMap<>();
        for (SourceRows.Row row : snapshot.rows(SnapshotData.COLUMN_PROFILE).rows()) {
            Long tableId = row.longValue("table_id");
            String column = row.string("column");
            Long profiled = row.longValue("profiled_rows");
            if (tableId == null || column == null || profiled == null || profiled <= 0) continue;
            Long maxLength = row.longValue("max_octet_length");
            ColumnProfile p = new ColumnProfile(tableId, column.toLowerCase(java.util.Locale.ROOT), profiled,
                    row.longOr("non_null_rows", 0), row.longOr("distinct_values", 0), row.longValue("top_value_rows"),
                    maxLength == null ? null : maxLength.intValue(), row.instant("profiled_at"));
            put(profiles, p);
        }
        return profiles;
    }

    /** The latest profile per column of both: a snapshot without a table's profile keeps the one known before. */
    public static Map<Long, Map<String, ColumnProfile>> latest(Map<Long, Map<String, ColumnProfile>> known,
                                                             Map<Long, Map<String, ColumnProfile>> fresh) {
        Map<Long, Map<String, ColumnProfile>> all = new HashMap<>();
        known.values().forEach(m -> m.values().forEach(p -> put(all, p)));
        fresh.values().forEach(m -> m.values().forEach(p -> put(all, p)));
        return all;
    }

    private static void put(Map<Long, Map<String, ColumnProfile>> profiles, ColumnProfile p) {
        profiles.computeIfAbsent(p.tableId(), k -> new HashMap<>()).merge(p.column(), p, (a, b) ->
                a.profiledAt() == null || (b.profiledAt() != null && !b.profiledAt().isBefore(a.profiledAt())) ? b : a);
    }
}
