package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * Lays Redshift's system tables over a PostgreSQL database and writes a scenario into it. The
 * PostgreSQL server must run with {@code allow_system_table_mods=on} so the views can live in
 * pg_catalog (visible unqualified, whatever the search_path).
 */
public final class SimDatabase {

    private SimDatabase() {
    }

    /** Creates the storage and views and writes the scenario, through a superuser connection. */
    public static void install(Connection superuser, Scenario scenario, Instant now) throws SQLException {
        boolean autoCommit = superuser.getAutoCommit();
        superuser.setAutoCommit(false);
        try (Statement st = superuser.createStatement()) {
            // Superusers may set this per session (PostgreSQL 12+): the views go into pg_catalog.
            st.execute("SET allow_system_table_mods = on");
            run(superuser, "system-tables.sql");
            run(superuser, "system-views-common.sql");
            if (!scenario.cluster().serverless()) {
                run(superuser, "system-views-provisioned.sql");
            }
            new ClusterWriter(superuser, scenario, now).write();
            grantSystemAccess(superuser, scenario);
            superuser.commit();
            // Fresh statistics, so PostgreSQL plans the system views' joins well from the first query.
            superuser.setAutoCommit(true);
            st.execute("ANALYZE");
        } catch (SQLException | RuntimeException e) {
            superuser.rollback();
            throw e;
        } finally {
            superuser.setAutoCommit(autoCommit);
        }
    }

    /**
     * Logs more queries on an installed cluster (live mode): ids continue after the highest one,
     * tables and users are resolved from the catalog. Returns the number written.
     */
    public static int appendQueries(Connection superuser, Scenario scenario, Iterable<Scenario.Query> queries, Instant now)
            throws SQLException {
        java.util.Map<String, Long> tableIds = new java.util.HashMap<>();
        java.util.Map<String, Integer> userIds = new java.util.HashMap<>();
        int next;
        try (Statement st = superuser.createStatement()) {
            try (var rs = st.executeQuery("SELECT \"schema\", table_name, table_id FROM redshift_sim.table_meta")) {
                while (rs.next()) {
                    tableIds.put(rs.getString(1) + "." + rs.getString(2), rs.getLong(3));
                    tableIds.putIfAbsent(rs.getString(2), rs.getLong(3));
                }
            }
            try (var rs = st.executeQuery("SELECT rolname, oid FROM pg_roles")) {
                while (rs.next()) {
                    userIds.put(rs.getString(1), rs.getInt(2));
                }
            }
            try (var rs = st.executeQuery("SELECT coalesce(max(\"query\"), 999) + 1 FROM redshift_sim.stl_query")) {
                rs.next();
                next = rs.getInt(1);
            }
        }
        WorkloadWriter writer = new WorkloadWriter(superuser, scenario, tableIds, userIds, now);
        int end = writer.write(next, queries);
        writer.finish();
        return end - next;
    }

    private static void grantSystemAccess(Connection db, Scenario scenario) throws SQLException {
        try (Statement st = db.createStatement()) {
            for (Scenario.User user : scenario.users()) {
                if (!user.systemAccess() || user.superuser()) {
                    continue;
                }
                try (var rs = db.createStatement().executeQuery(
                        "SELECT viewname FROM pg_views WHERE schemaname = 'pg_catalog' AND (viewname ~ '^(stl|stv|svl|svv|sys)_' OR viewname = 'pg_table_def')")) {
                    while (rs.next()) {
                        st.addBatch("GRANT SELECT ON pg_catalog." + Identifiers.quote(rs.getString(1)) + " TO " + Identifiers.quote(user.name()));
                    }
                }
            }
            st.executeBatch();
        }
    }

    private static void run(Connection db, String resource) throws SQLException {
        try (InputStream in = SimDatabase.class.getResourceAsStream("/autopilot/sim/" + resource);
             Statement st = db.createStatement()) {
            st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
