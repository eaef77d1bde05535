package autopilot.sim.dialect;

import java.util.List;

/**
 * PostgreSQL catalog relations that Redshift extends with columns of its own. PostgreSQL's
 * catalog tables cannot take columns, so the simulator defines a view of each in schema
 * {@value #SCHEMA} (PostgreSQL's columns plus Redshift's, see {@code catalog-views-common.sql}) and the
 * translation reads that view wherever a statement names the relation, qualified by
 * {@code pg_catalog} or not. PG_DATABASE gains no column: its view names the cluster's databases by
 * their Redshift names and leaves other clusters' out.
 */
final class CatalogRelations {

    static final String SCHEMA = "redshift_catalog";

    static final List<String> NAMES = List.of("pg_attribute", "pg_attrdef", "pg_class", "pg_database", "pg_locks", "pg_stat_activity",
            "pg_user", "pg_default_acl");

    private CatalogRelations() {}

    static boolean remapped(String lowerName) {
        return NAMES.contains(lowerName);
    }
}
