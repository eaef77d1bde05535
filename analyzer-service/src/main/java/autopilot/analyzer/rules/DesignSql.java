package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DDL of table design advice, written to the grammar of Redshift's ALTER TABLE and CREATE TABLE
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html, r_CREATE_TABLE_NEW.html). What ALTER cannot
 * do becomes a deep copy (https://docs.aws.amazon.com/redshift/latest/dg/performing-a-deep-copy.html):
 * <ul>
 *   <li>ALTER [COMPOUND] SORTKEY only alters compound keys: an interleaved key is neither set nor changed by ALTER;</li>
 *   <li>ALTER DISTSTYLE ALL / EVEN and ALTER DISTKEY are not supported on tables with an interleaved sort key;</li>
 *   <li>ALTER COLUMN ... TYPE changes only a VARCHAR's size, not below the longest value stored, and not for columns
 *       encoded BYTEDICT, RUNLENGTH, TEXT255 or TEXT32K.</li>
 * </ul>
 * Every identifier goes through {@link Sql#quote}.
 */
final class DesignSql {

    /** Encodings whose columns ALTER COLUMN ... TYPE refuses. */
    static final List<String> NO_RESIZE_ENCODINGS = List.of("bytedict", "runlength", "text255", "text32k");

    private DesignSql() {
    }

    static String distKey(TableState t, String column) {
        return "ALTER TABLE " + Sql.table(t) + " ALTER DISTSTYLE KEY DISTKEY " + Sql.quote(column) + ";";
    }

    static String distStyle(TableState t, String style) {
        return "ALTER TABLE " + Sql.table(t) + " ALTER DISTSTYLE " + style + ";";
    }

    static String compoundSortKey(TableState t, List<String> columns) {
        return "ALTER TABLE " + Sql.table(t) + " ALTER COMPOUND SORTKEY (" + quoted(columns) + ");";
    }

    static String encode(TableState t, String column, String encoding) {
        return "ALTER TABLE " + Sql.table(t) + " ALTER COLUMN " + Sql.quote(column) + " ENCODE " + encoding + ";";
    }

    static String varchar(TableState t, String column, int size) {
        return "ALTER TABLE " + Sql.table(t) + " ALTER COLUMN " + Sql.quote(column) + " TYPE VARCHAR(" + size + ");";
    }

    /**
     * A deep copy into a new table declared with the catalog's columns (types as PG_TABLE_DEF shows them, with
     * {@code types} overriding some), distribution {@code dist} and sort key {@code sort} (clauses of CREATE TABLE),
     * then a swap of names in one transaction; the old table is dropped last, once the copy is checked.
     */
    static List<String> deepCopy(TableState t, Map<String, String> types, String dist, String sort) {
        String copy = t.name() + "_autopilot_copy";
        String old = t.name() + "_autopilot_old";
        List<String> columns = new ArrayList<>();
        for (TableState.Column c : t.columns()) {
            String encoding = c.encoding() == null || c.encoding().isBlank() || c.encoding().equalsIgnoreCase("none") ? "raw"
                    : c.encoding().trim().toLowerCase(Locale.ROOT);
            columns.add(Sql.quote(c.name()) + " " + types.getOrDefault(c.name(), c.type()) + " ENCODE " + encoding
                    + (c.notnull() ? " NOT NULL" : ""));
        }
        String target = Sql.quote(t.schema()) + "." + Sql.quote(copy);
        return List.of(
                "CREATE TABLE " + target + " (" + String.join(", ", columns) + ") " + dist + (sort.isEmpty() ? "" : " " + sort) + ";",
                "INSERT INTO " + target + " SELECT * FROM " + Sql.table(t) + ";",
                "BEGIN;",
                "ALTER TABLE " + Sql.table(t) + " RENAME TO " + Sql.quote(old) + ";",
                "ALTER TABLE " + target + " RENAME TO " + Sql.quote(t.name()) + ";",
                "COMMIT;",
                "DROP TABLE " + Sql.quote(t.schema()) + "." + Sql.quote(old) + ";");
    }

    /** The CREATE TABLE clause of a table's current distribution. */
    static String currentDist(TableState t) {
        String key = DesignWorkload.distkey(t);
        if (key != null) return "DISTSTYLE KEY DISTKEY (" + Sql.quote(key) + ")";
        if (DesignWorkload.all(t)) return "DISTSTYLE ALL";
        String style = t.diststyle() == null ? "" : t.diststyle().toUpperCase(Locale.ROOT);
        return style.startsWith("AUTO") ? "DISTSTYLE AUTO" : "DISTSTYLE EVEN";
    }

    /** The CREATE TABLE clause of a table's current sort key (empty when it has none). */
    static String currentSort(TableState t) {
        List<String> key = sortKey(t);
        if (key.isEmpty()) return "";
        return (t.interleaved() ? "INTERLEAVED" : "COMPOUND") + " SORTKEY (" + quoted(key) + ")";
    }

    /** The current sort key's columns (lower case), in key order. */
    static List<String> sortKey(TableState t) {
        return t.columns().stream().filter(c -> c.sortkey() != 0).sorted(java.util.Comparator.comparingInt(c -> Math.abs(c.sortkey())))
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    }

    static String quoted(List<String> columns) {
        return String.join(", ", columns.stream().map(Sql::quote).toList());
    }
}
