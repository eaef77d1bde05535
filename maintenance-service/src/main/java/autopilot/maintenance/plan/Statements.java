package autopilot.maintenance.plan;

import autopilot.events.AnalyzeSpec;
import autopilot.events.VacuumSpec;
import autopilot.redshift.Identifiers;

/**
 * Builds VACUUM and ANALYZE from a table read from the catalog; the names are quoted by
 * {@link Identifiers}, the only other parts are keywords and a validated integer.
 */
public final class Statements {

    private Statements() {
    }

    /** {@code VACUUM <variant> "schema"."table" [TO n PERCENT] [BOOST]}. */
    public static String vacuum(TableState table, VacuumSpec spec, boolean boost) {
        StringBuilder sql = new StringBuilder("VACUUM ").append(spec.variant().sql()).append(' ')
                .append(Identifiers.qualified(table.schema(), table.table()));
        if (spec.toPercent() != null) {
            sql.append(" TO ").append(percent(spec)).append(" PERCENT");
        }
        if (boost && spec.variant() != VacuumSpec.Variant.REINDEX) {
            sql.append(" BOOST");
        }
        return sql.toString();
    }

    /** {@code ANALYZE "schema"."table" PREDICATE COLUMNS | ALL COLUMNS}. */
    public static String analyze(TableState table, AnalyzeSpec spec) {
        return "ANALYZE " + Identifiers.qualified(table.schema(), table.table()) + ' '
                + (spec.columns() == AnalyzeSpec.Columns.ALL_COLUMNS ? "ALL COLUMNS" : "PREDICATE COLUMNS");
    }

    private static int percent(VacuumSpec spec) {
        int n = spec.toPercent();
        if (n < 0 || n > 100) {
            throw new IllegalArgumentException("TO n PERCENT must be 0-100, found " + n);
        }
        return n;
    }
}
