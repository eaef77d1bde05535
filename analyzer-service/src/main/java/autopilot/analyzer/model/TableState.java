package autopilot.analyzer.model;

import autopilot.events.ObjectRef;
import autopilot.events.TableRef;
import java.time.Instant;
import java.util.List;

/**
 * One table as the latest snapshot shows it: SVV_TABLE_INFO, its slices (STV_TBL_PERM, provisioned
 * only), its columns (PG_TABLE_DEF) and when maintenance last ran on it (SYS_VACUUM_HISTORY,
 * SYS_ANALYZE_HISTORY). Unknown figures are null: rules must not guess them.
 *
 * @param unsortedPct     % unsorted; null for a table without a sort key (never "100 % unsorted")
 * @param slices          slices holding the table, if known
 * @param emptySlices     slices with no rows of the table, if known
 * @param lastVacuum      end of the last VACUUM seen (manual or automatic)
 * @param lastAutoVacuum  end of the last automatic VACUUM seen
 * @param lastAnalyze     end of the last ANALYZE seen
 * @param lastAutoAnalyze end of the last automatic ANALYZE seen
 */
public record TableState(
        long tableId, String database, String schema, String name,
        String diststyle, String sortkey1, int sortkeyNum, boolean interleaved,
        long sizeMb, Double unsortedPct, Double statsOffPct, long rows, Long estimatedVisibleRows,
        Double skewRows, Double vacuumSortBenefit, boolean encoded, Integer maxVarchar,
        Integer slices, Integer emptySlices, Long minSliceRows, Long maxSliceRows,
        List<Column> columns, Instant createTime,
        Instant lastVacuum, Instant lastAutoVacuum, Instant lastAnalyze, Instant lastAutoAnalyze) {

    /** A column as PG_TABLE_DEF shows it. */
    public record Column(String name, String type, String encoding, boolean distkey, int sortkey, boolean notnull) {
    }

    /**
     * When maintenance last ran on this table, as far as seen. The times stay four components of this record because the
     * latest tables are stored as its JSON: another shape would lose the stored times.
     */
    public TableMaintenance maintenance() {
        return new TableMaintenance(lastVacuum, lastAutoVacuum, lastAnalyze, lastAutoAnalyze);
    }

    /** This table with the later of its own and the given maintenance times. */
    public TableState withMaintenance(TableMaintenance known) {
        TableMaintenance m = maintenance().latest(known);
        return new TableState(tableId, database, schema, name, diststyle, sortkey1, sortkeyNum, interleaved, sizeMb, unsortedPct,
                statsOffPct, rows, estimatedVisibleRows, skewRows, vacuumSortBenefit, encoded, maxVarchar, slices, emptySlices,
                minSliceRows, maxSliceRows, columns, createTime, m.vacuum(), m.autoVacuum(), m.analyze(), m.autoAnalyze());
    }

    public boolean hasSortKey() {
        return sortkeyNum > 0 && sortkey1 != null && !sortkey1.isBlank() && !sortkey1.toUpperCase().startsWith("AUTO(SORTKEY)");
    }

    /** The distribution key column, if DISTSTYLE KEY. */
    public Column distkeyColumn() {
        return columns.stream().filter(Column::distkey).findFirst().orElse(null);
    }

    public String qualifiedName() {
        return schema + "." + name;
    }

    public ObjectRef ref() {
        return new ObjectRef(ObjectRef.Kind.TABLE, name, database, schema, tableId);
    }

    public TableRef tableRef() {
        return new TableRef(database, schema, name, tableId);
    }
}
