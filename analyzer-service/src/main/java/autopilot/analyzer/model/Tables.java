package autopilot.analyzer.model;

import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.snapshot.SourceRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the table-health sources of a snapshot into {@link TableState}s. Pure. */
public final class Tables {

    private Tables() {
    }

    /** The tables of a snapshot; empty when it carries no SVV_TABLE_INFO. */
    public static List<TableState> of(SnapshotData snapshot) {
        Map<Long, SourceRows.Row> slices = new HashMap<>();
        for (SourceRows.Row row : snapshot.rows(SnapshotData.TABLE_SLICES).rows()) {
            slices.put(row.longValue("table_id"), row);
        }
        // PG_TABLE_DEF rows name their database (a collector before per-database collection sent none:
        // then they are all of the one database it read, and match the table of that name in any).
        Map<String, List<TableState.Column>> columns = new HashMap<>();
        for (SourceRows.Row row : snapshot.rows(SnapshotData.TABLE_COLUMNS).rows()) {
            columns.computeIfAbsent(columnsKey(row.string("database"), row.string("schemaname"), row.string("tablename")),
                            k -> new ArrayList<>())
                    .add(new TableState.Column(row.string("column"), row.string("type"), row.string("encoding"),
                            row.bool("distkey"), (int) row.longOr("sortkey", 0), row.bool("notnull")));
        }
        Map<Long, TableMaintenance> maintenance = new HashMap<>();
        history(snapshot.rows(SnapshotData.VACUUM_HISTORY), maintenance, TableMaintenance::withVacuum);
        history(snapshot.rows(SnapshotData.ANALYZE_HISTORY), maintenance, TableMaintenance::withAnalyze);
        List<TableState> tables = new ArrayList<>();
        for (SourceRows.Row row : snapshot.rows(SnapshotData.TABLE_INFO).rows()) {
            Long id = row.longValue("table_id");
            if (id == null) continue;
            String schema = row.string("schema");
            String name = row.string("table");
            List<TableState.Column> cols = columns.getOrDefault(columnsKey(row.string("database"), schema, name),
                    columns.getOrDefault(columnsKey(null, schema, name), List.of()));
            boolean interleaved = cols.stream().anyMatch(c -> c.sortkey() < 0);
            int sortkeyNum = (int) row.longOr("sortkey_num", 0);
            String sortkey1 = row.string("sortkey1");
            boolean hasSortKey = sortkeyNum > 0 && sortkey1 != null && !sortkey1.isBlank();
            SourceRows.Row s = slices.get(id);
            TableMaintenance m = maintenance.getOrDefault(id, TableMaintenance.NONE);
            tables.add(new TableState(id, row.string("database"), schema, name, row.string("diststyle"), sortkey1, sortkeyNum,
                    interleaved, row.longOr("size", 0), hasSortKey ? row.doubleValue("unsorted") : null,
                    row.doubleValue("stats_off"), row.longOr("tbl_rows", 0), row.longValue("estimated_visible_rows"),
                    row.doubleValue("skew_rows"), row.doubleValue("vacuum_sort_benefit"),
                    "Y".equalsIgnoreCase(row.string("encoded")), row.longValue("max_varchar") == null ? null
                    : row.longValue("max_varchar").intValue(),
                    s == null ? null : (int) s.longOr("slices", 0), s == null ? null : (int) s.longOr("empty_slices", 0),
                    s == null ? null : s.longValue("min_slice_rows"), s == null ? null : s.longValue("max_slice_rows"),
                    cols, row.instant("create_time"), m.vacuum(), m.autoVacuum(), m.analyze(), m.autoAnalyze()));
        }
        return tables;
    }

    private static String columnsKey(String database, String schema, String table) {
        return (database == null ? "" : database) + "/" + schema + "." + table;
    }

    /** A run of one kind of maintenance added to a table's times: {@link TableMaintenance#withVacuum} or {@code withAnalyze}. */
    private interface Run {
        TableMaintenance add(TableMaintenance times, Instant end, boolean automatic);
    }

    private static void history(SourceRows rows, Map<Long, TableMaintenance> maintenance, Run run) {
        for (SourceRows.Row row : rows.rows()) {
            Long id = row.longValue("table_id");
            Instant end = row.instant("end_time");
            String status = row.string("status");
            if (id == null || end == null || (status != null && status.toLowerCase().contains("fail"))) continue;
            maintenance.put(id, run.add(maintenance.getOrDefault(id, TableMaintenance.NONE), end, row.bool("is_automatic")));
        }
    }
}
