package autopilot.sim.dialect;

import java.util.List;

/**
 * PostgreSQL catalog relations that Redshift extends with columns of its own. PostgreSQL's
 * catalog tables cannot take columns, so the simulator defines a view of each in schema
 * {@value #SCHEMA} (PostgreSQL's columns plus Redshift's, see {@code catalog-views-common.sql}) and the
 * translation reads that view wherever a statement names the relation, qualified by
 * {@code pg_catalog} or not.
 */
final class CatalogRelations {

    static final String SCHEMA = "redshift_catalog";

    static final List<String> NAMES = List.of("pg_attribute", "pg_attrdef", "pg_class", "pg_locks", "pg_stat_activity", "pg_user", "pg_default_acl");

    private CatalogRelations() {}

    static boolean remapped(String lowerName) {
        return NAMES.contains(lowerName);
    }
}
