package autopilot.collector.profile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user table as the catalog shows it (SVV_TABLE_INFO for id and rows, PG_TABLE_DEF for columns).
 *
 * @param rows    SVV_TABLE_INFO.tbl_rows
 * @param columns in table order
 */
record CatalogTable(String database, String schema, long tableId, String table, long rows, List<Column> columns) {

    private static final Pattern TEXT_TYPE = Pattern.compile("(character varying|varchar|nvarchar|character|char|nchar|bpchar)\\((\\d+)\\)");

    /** A column: name, PG_TABLE_DEF type text, whether it is the distribution key. */
    record Column(String name, String type, boolean distkey) {

        /** The declared length of a CHAR/VARCHAR column, in bytes. */
        Optional<Integer> declaredLength() {
            Matcher m = TEXT_TYPE.matcher(type == null ? "" : type.trim().toLowerCase(Locale.ROOT));
            return m.matches() ? Optional.of(Integer.parseInt(m.group(2))) : Optional.empty();
        }
    }

    /** Whether a query's table reference (schema or not) names this table. */
    boolean named(String refSchema, String refTable) {
        return table.equalsIgnoreCase(refTable) && (refSchema == null || schema.equalsIgnoreCase(refSchema));
    }

    Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }
}
