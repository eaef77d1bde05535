package autopilot.collector.profile;

import autopilot.collector.source.RowSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The catalog of each database as one table-health collection reads it anyway: the {@code table_info}
 * rows (SVV_TABLE_INFO: id, rows) and the {@code table_columns} rows (PG_TABLE_DEF) are noted as they
 * stream to the snapshot, so the column profile that follows reads neither a second time (it did: a
 * second SVV_TABLE_INFO and PG_TABLE_DEF read, one statement per schema, every column of every table).
 * One instance per collection; the tables are kept only until it ends.
 */
public final class CatalogRows {

    private record Info(String schema, long id, String table, long rows) {
    }

    /** Per database: its tables by {@code schema.table} (SVV_TABLE_INFO order), and their columns. */
    private final Map<String, Map<String, Info>> infos = new HashMap<>();
    private final Map<String, Map<String, List<CatalogTable.Column>>> columns = new HashMap<>();

    /** Passes a database's {@code table_info} rows on, noting each table's id and rows. */
    public RowSink tableInfo(String database, RowSink next) {
        Map<String, Info> tables = infos.computeIfAbsent(database, d -> new LinkedHashMap<>());
        return new Noting(next, List.of("schema", "table_id", "table", "tbl_rows"), (v, at) -> {
            Info info = new Info((String) v.get(at[0]), number(v.get(at[1])), (String) v.get(at[2]), number(v.get(at[3])));
            tables.put(ProfilePlan.key(info.schema(), info.table()), info);
        });
    }

    /** Passes a database's {@code table_columns} rows on, noting each table's columns. */
    public RowSink tableColumns(String database, RowSink next) {
        Map<String, List<CatalogTable.Column>> tables = columns.computeIfAbsent(database, d -> new HashMap<>());
        return new Noting(next, List.of("schemaname", "tablename", "column", "type", "distkey"), (v, at) ->
                tables.computeIfAbsent(ProfilePlan.key((String) v.get(at[0]), (String) v.get(at[1])), k -> new ArrayList<>())
                        .add(new CatalogTable.Column((String) v.get(at[2]), (String) v.get(at[3]), Boolean.TRUE.equals(v.get(at[4])))));
    }

    /**
     * The user tables of a database with their ids, rows and columns (those both sources show), or
     * empty when this collection did not read both of that database.
     */
    Optional<List<CatalogTable>> tables(String database) {
        Map<String, Info> info = infos.get(database);
        Map<String, List<CatalogTable.Column>> cols = columns.get(database);
        if (info == null || cols == null) {
            return Optional.empty();
        }
        List<CatalogTable> tables = new ArrayList<>();
        info.forEach((key, i) -> {
            List<CatalogTable.Column> c = cols.get(key);
            if (c != null) {
                tables.add(new CatalogTable(database, i.schema(), i.id(), i.table(), i.rows(), c));
            }
        });
        return Optional.of(tables);
    }

    private static long number(Object value) {
        return value == null ? 0 : value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
    }

    /** A sink that passes everything on and notes each row on the way, given where its wanted columns are. */
    private static final class Noting implements RowSink {
        private final RowSink next;
        private final List<String> wanted;
        private final BiConsumer<List<Object>, int[]> note;
        private int[] at;

        Noting(RowSink next, List<String> wanted, BiConsumer<List<Object>, int[]> note) {
            this.next = next;
            this.wanted = wanted;
            this.note = note;
        }

        @Override
        public void columns(List<String> names) {
            at = new int[wanted.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = names.indexOf(wanted.get(i));
                if (at[i] < 0) {
                    throw new IllegalStateException("the catalog source has no column " + wanted.get(i) + ": " + names);
                }
            }
            next.columns(names);
        }

        @Override
        public void row(List<Object> values) {
            if (at != null) {
                note.accept(values, at);
            }
            next.row(values);
        }
    }
}
