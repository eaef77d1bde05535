package autopilot.sim.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which PostgreSQL database underneath holds each Redshift database of one cluster. A cluster alone
 * on its PostgreSQL keeps the names ({@link #SAME}: {@code dev} is {@code dev}); the clusters of a
 * fleet share one PostgreSQL, so each puts a prefix of its own before its databases' names
 * ({@code sim_01__dev}, {@code sim_02__dev}) while every name a client sees stays the Redshift one.
 *
 * <p>The simulator's SQL never asks PostgreSQL for the name of the database it runs in: it calls
 * {@code redshift_sim.current_database()}, which each database defines with its Redshift name
 * ({@link #defineFunctions}), and the gateway sends a client's {@code current_database()} there too.
 */
public record DatabaseNames(String prefix) {

    /** The Redshift names are the PostgreSQL names: a cluster alone on its PostgreSQL. */
    public static final DatabaseNames SAME = new DatabaseNames("");

    public DatabaseNames {
        if (prefix == null || !prefix.isEmpty() && !prefix.matches("[a-z0-9_]+__")) {
            throw new IllegalArgumentException("a database prefix is lower-case letters, digits and _, ending in __: " + prefix);
        }
    }

    /** The prefix for a fleet member's databases: {@code sim-01} gives {@code sim_01__}. */
    public static DatabaseNames forCluster(String clusterId) {
        return new DatabaseNames(clusterId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "__");
    }

    /** The PostgreSQL database underneath the Redshift database {@code redshiftName}. */
    public String backend(String redshiftName) {
        return prefix + redshiftName;
    }

    /**
     * Defines, in the database {@code db} is connected to (the one underneath {@code redshiftName}),
     * the functions through which the simulator's views and translated client SQL name databases:
     * {@code redshift_sim.current_database()}, the Redshift name, and
     * {@code redshift_sim.redshift_database_name(datname)}, what a client sees of a PostgreSQL
     * database: its Redshift name when it is one of this cluster's, the name itself for the
     * templates (and for every database of a cluster that has the PostgreSQL to itself), NULL for
     * another cluster's database or the server's own, which catalog views then leave out.
     */
    void defineFunctions(Connection db, String redshiftName) throws SQLException {
        String shown = prefix.isEmpty() ? "datname"
                : "CASE WHEN datname IN ('template0', 'template1') THEN datname "
                        + "WHEN starts_with(datname, " + Identifiers.literal(prefix) + ") THEN substr(datname, "
                        + (prefix.length() + 1) + ")::name END";
        try (Statement st = db.createStatement()) {
            st.execute("CREATE FUNCTION redshift_sim.current_database() RETURNS name LANGUAGE sql IMMUTABLE AS $$ SELECT "
                    + Identifiers.literal(redshiftName) + "::name $$");
            st.execute("CREATE FUNCTION redshift_sim.redshift_database_name(datname name) RETURNS name LANGUAGE sql IMMUTABLE AS $$ SELECT "
                    + shown + " $$");
        }
    }
}
