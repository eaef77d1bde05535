package autopilot.analyzer.model;

import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.snapshot.SourceRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What table design advice needs beyond the tables themselves: the latest column profiles (persisted, since the
 * collector profiles a table about once a day) and Redshift's own recommendations of the snapshot
 * (SVV_ALTER_TABLE_RECOMMENDATIONS).
 *
 * @param profiles table id -> column (lower case) -> latest profile
 * @param advisor  Redshift's recommendations, as collected with the tables
 */
public record DesignFacts(Map<Long, Map<String, ColumnProfile>> profiles, List<Advice> advisor) {

    public static final DesignFacts NONE = new DesignFacts(Map.of(), List.of());

    /**
     * One row of SVV_ALTER_TABLE_RECOMMENDATIONS.
     *
     * @param type    {@code distkey}, {@code diststyle} or {@code sortkey}
     * @param groupId rows sharing a group id (> 0) must be applied together; -1 for sort keys
     * @param ddl     the ALTER TABLE statement Redshift proposes
     */
    public record Advice(String type, long tableId, long groupId, String ddl, boolean autoEligible) {
        public boolean distribution() {
            return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("dist");
        }
    }

    public ColumnProfile profile(long tableId, String column) {
        Map<String, ColumnProfile> columns = profiles.get(tableId);
        return columns == null ? null : columns.get(column.toLowerCase(java.util.Locale.ROOT));
    }

    /** Redshift's recommendations in a snapshot. */
    public static List<Advice> advisor(SnapshotData snapshot) {
        List<Advice> advice = new ArrayList<>();
        for (SourceRows.Row row : snapshot.rows(SnapshotData.ADVISOR).rows()) {
            Long tableId = row.longValue("table_id");
            String ddl = row.string("ddl");
            if (tableId == null || ddl == null || ddl.isBlank()) continue;
            String eligible = row.string("auto_eligible");
            advice.add(new Advice(row.string("type"), tableId, row.longOr("group_id", -1), ddl.trim(),
                    eligible != null && (eligible.equalsIgnoreCase("t") || eligible.equalsIgnoreCase("true"))));
        }
        return advice;
    }
}
