package autopilot.maintenance.plan;

import autopilot.events.TableHealth;

/**
 * A table as SVV_TABLE_INFO shows it right now. Schema and table names are the catalog's, so SQL
 * built from them names a table that exists.
 *
 * @param unsortedPct null for tables without a sort key (their "unsorted" means nothing)
 * @param rows        rows including deleted ones not yet vacuumed (tbl_rows)
 * @param visibleRows rows excluding deleted ones (estimated_visible_rows)
 */
public record TableState(long tableId, String database, String schema, String table, String diststyle, String sortkey1,
                         long sizeMb, Double unsortedPct, Double statsOffPct, long rows, long visibleRows) {

    /**
     * Whether the table has a sort key now. A table with {@code SORTKEY AUTO} shows
     * {@code AUTO(SORTKEY)} in sortkey1 until Redshift has chosen one ({@code AUTO(SORTKEY(col))}):
     * until then there is nothing to sort, and its "unsorted" means nothing.
     */
    public boolean hasSortKey() {
        return sortkey1 != null && !sortkey1.isBlank() && !AUTO_WITHOUT_KEY.equalsIgnoreCase(sortkey1.trim());
    }

    private static final String AUTO_WITHOUT_KEY = "AUTO(SORTKEY)";

    public boolean interleaved() {
        return "INTERLEAVED".equalsIgnoreCase(sortkey1 == null ? "" : sortkey1.trim());
    }

    /** Share of rows marked deleted, in %. */
    public double deletedPct() {
        return rows <= 0 ? 0 : Math.max(0, rows - visibleRows) * 100.0 / rows;
    }

    public TableHealth health() {
        return new TableHealth(hasSortKey() ? unsortedPct : null, statsOffPct, rows, sizeMb);
    }
}
