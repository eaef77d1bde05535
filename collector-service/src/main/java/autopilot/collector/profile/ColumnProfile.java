package autopilot.collector.profile;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One row of the {@code column_profile} source: what one profile of a column saw.
 *
 * @param profiledRows   COUNT(*) of the table when profiled
 * @param nonNullRows    COUNT(column); null for a length-only profile
 * @param distinctValues COUNT(DISTINCT column); null for a length-only profile
 * @param topValueRows   rows of the most common non-NULL value; null when not computed
 * @param maxOctetLength MAX(OCTET_LENGTH(column)) of CHAR/VARCHAR columns, else null
 */
public record ColumnProfile(String database, String schema, long tableId, String table, String column, long profiledRows,
                            Long nonNullRows, Long distinctValues, Long topValueRows, Integer maxOctetLength, Instant profiledAt) {

    /** The source's columns, in row order: the contract the analyzer reads. */
    public static final List<String> COLUMNS = List.of("database", "schema", "table_id", "table", "column", "profiled_rows",
            "non_null_rows", "distinct_values", "top_value_rows", "max_octet_length", "profiled_at");

    /** The row's values in {@link #COLUMNS} order, JSON-ready. */
    public List<Object> values() {
        return Arrays.asList(database, schema, tableId, table, column, profiledRows, nonNullRows, distinctValues, topValueRows,
                maxOctetLength, profiledAt.toString());
    }

    /** The same profile under the table's current id (a table rebuilt since has a new one). */
    ColumnProfile withTableId(long id) {
        return new ColumnProfile(database, schema, id, table, column, profiledRows, nonNullRows, distinctValues, topValueRows,
                maxOctetLength, profiledAt);
    }
}
