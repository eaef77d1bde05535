package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.TableLookup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays Redshift's system tables over a PostgreSQL database and writes a scenario into it. The
 * PostgreSQL server must run with {@code allow_system_table_mods=on} so the views can live in
 * pg_catalog (visible unqualified, whatever the search_path).
 *
 * <p>A scenario of several databases gets one PostgreSQL database each. The cluster's model (the
 * {@code redshift_sim} relations: table state of every database, the cluster-wide logs) lives once,
 * in the default database; the other databases reach it through {@code postgres_fdw} foreign
 * tables of the same names and types, with the same views on top. So whichever database a client
 * connects to, it reads the same logs, and what VACUUM, ANALYZE or live mode change later shows in
 * every database at once.
 */
public final class SimDatabase {

    /** The foreign server through which other databases reach the default database's model. */
    private static final String CLUSTER_SERVER = "redshift_sim_cluster";

    private SimDatabase() {
    }

    /** Creates the storage and views and writes a one-database scenario, through a superuser connection. */
    public static void install(Connection superuser, Scenario scenario, Instant now) throws SQLException {
        install(superuser, Map.of(), scenario, now);
    }

    /**
     * Creates the storage and views and writes the scenario: {@code superuser} is connected to the
     * scenario's default database, {@code otherDatabases} (by name) to each of its other databases,
     * all of them existing and empty, all as the same superuser.
     */
    public static void install(Connection superuser, Map<String, Connection> otherDatabases, Scenario scenario, Instant now)
            throws SQLException {
        for (String database : scenario.databases()) {
            if (!database.equals(scenario.database()) && !otherDatabases.containsKey(database)) {
                throw new IllegalArgumentException("scenario " + scenario.name() + " has database " + database
                        + " but no connection to it was given");
            }
        }
        boolean autoCommit = superuser.getAutoCommit();
        superuser.setAutoCommit(false);
        for (Connection other : otherDatabases.values()) {
            other.setAutoCommit(false);
        }
        try (Statement st = superuser.createStatement()) {
            // Superusers may set this per session (PostgreSQL 12+): the views go into pg_catalog.
            st.execute("SET allow_system_table_mods = on");
            run(superuser, "system-tables.sql");
            run(superuser, "system-functions.sql");
            runViews(superuser, scenario);
            new ClusterWriter(superuser, otherDatabases, scenario, now).write();
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
        for (Map.Entry<String, Connection> other : otherDatabases.entrySet()) {
            linkToModel(other.getValue(), other.getKey(), superuser, scenario);
        }
    }

    /**
     * Gives another database of the cluster the system views over the default database's model,
     * and lets the scenario's users read its tables (its roles exist now that the model is committed).
     */
    private static void linkToModel(Connection db, String database, Connection model, Scenario scenario) throws SQLException {
        String host;
        int port;
        String catalog;
        String superuserName;
        try (Statement st = model.createStatement();
             ResultSet rs = st.executeQuery("SELECT host(inet_server_addr()), inet_server_port(), current_database(), current_user")) {
            rs.next();
            host = rs.getString(1) == null ? "127.0.0.1" : rs.getString(1);
            port = rs.getInt(2);
            catalog = rs.getString(3);
            superuserName = rs.getString(4);
        }
        try (Statement st = db.createStatement()) {
            st.execute("SET allow_system_table_mods = on");
            st.execute("CREATE SCHEMA redshift_sim");
            st.execute("CREATE EXTENSION postgres_fdw SCHEMA redshift_sim");
            st.execute("CREATE SERVER " + CLUSTER_SERVER + " FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host "
                    + Identifiers.literal(host) + ", port " + Identifiers.literal(Integer.toString(port)) + ", dbname "
                    + Identifiers.literal(catalog) + ", fetch_size '10000')");
            // The views run as their owner, this superuser: clients never need a mapping of their own.
            st.execute("CREATE USER MAPPING FOR PUBLIC SERVER " + CLUSTER_SERVER + " OPTIONS (user "
                    + Identifiers.literal(superuserName) + ")");
            // stl_cutoff is a view of now(): each database keeps its own (system-views-provisioned.sql).
            st.execute("IMPORT FOREIGN SCHEMA redshift_sim EXCEPT (stl_cutoff) FROM SERVER " + CLUSTER_SERVER + " INTO redshift_sim");
            run(db, "system-functions.sql");
            runViews(db, scenario);
            grantSystemAccess(db, scenario);
            List<Scenario.Table> tables = scenario.tables().stream().filter(t -> database.equals(scenario.databaseOf(t.database()))).toList();
            new TableDdl(db, scenario.users()).grant(tables);
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    private static void runViews(Connection db, Scenario scenario) throws SQLException {
        run(db, "system-views-common.sql");
        if (!scenario.cluster().serverless()) {
            run(db, "system-views-provisioned.sql");
        }
    }

    /**
     * Logs more queries on an installed cluster (live mode): ids continue after the highest one,
     * tables and users are resolved from the catalog. Returns the number written.
     */
    public static int appendQueries(Connection superuser, Scenario scenario, Iterable<Scenario.Query> queries, Instant now)
            throws SQLException {
        TableLookup<Long> tableIds = new TableLookup<>();
        Map<String, Integer> userIds = new HashMap<>();
        int next;
        try (Statement st = superuser.createStatement()) {
            try (var rs = st.executeQuery("SELECT \"database\", \"schema\", table_name, table_id FROM redshift_sim.table_meta ORDER BY table_id")) {
                while (rs.next()) {
                    tableIds.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
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
