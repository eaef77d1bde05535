package autopilot.events;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One part of a snapshot of one system-table source, collector -> analyzer. Self-describing:
 * a consumer can process it without any other part. Rows are column-ordered arrays so that large
 * sources stay compact; every row carries its natural key so re-delivery can be deduplicated.
 *
 * @param snapshotId     the collection cycle this part belongs to
 * @param source         logical source name, e.g. {@code svv_table_info}, {@code stl_query}
 * @param clusterKind    provisioned or serverless (decides which sources exist)
 * @param partNumber     1-based index of this part within the source for this snapshot
 * @param partCount      number of parts of this source in this snapshot
 * @param watermarkFrom  exclusive lower bound of the rows' event time (null for full-state sources)
 * @param watermarkTo    inclusive upper bound of the rows' event time (null for full-state sources)
 * @param collectedAt    when the collector read the source
 * @param columns        column names, in the order of each row's values
 * @param rows           the rows; values are JSON scalars (timestamps as ISO-8601 strings)
 * @param snapshotSources every source this snapshot contains (so a consumer knows when it has all
 *                        parts of all sources); null from producers that predate the field
 */
public record SnapshotPartCollected(
        UUID snapshotId,
        String source,
        ClusterKind clusterKind,
        int partNumber,
        int partCount,
        @Nullable Instant watermarkFrom,
        @Nullable Instant watermarkTo,
        Instant collectedAt,
        List<String> columns,
        List<List<Object>> rows,
        @Nullable List<String> snapshotSources) implements EventPayload {
}
