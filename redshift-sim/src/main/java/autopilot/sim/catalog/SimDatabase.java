package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
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

    /**
     * The model's parts, each a set of SQL resources: {@code <part>-tables.sql} (the storage, in
     * schema redshift_sim of the default database), {@code <part>-functions.sql} (every database),
     * {@code <part>-views-common.sql} (every database, provisioned and Serverless) and
     * {@code <part>-views-provisioned.sql} (provisioned clusters only: STL, STV, SVL). A part may
     * leave any of them out. Views live in pg_catalog; nothing but storage and functions goes into
     * schema redshift_sim, whose tables other databases import.
     */
    private static final List<String> PARTS = List.of("system", "dialect", "workload", "activity", "catalog");

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
        install(superuser, otherDatabases, scenario, now, DatabaseNames.SAME);
    }

    /**
     * As {@link #install(Connection, Map, Scenario, Instant)}, the PostgreSQL databases underneath
     * named by {@code names} ({@code otherDatabases} stays keyed by the Redshift names).
     */
    public static void install(Connection superuser, Map<String, Connection> otherDatabases, Scenario scenario, Instant now,
                               DatabaseNames names) throws SQLException {
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
            // Roles are server-wide: an external PostgreSQL may have it from an earlier install.
            st.execute("DO $$ BEGIN CREATE ROLE redshift_syslog_unrestricted NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            // Redshift's own superuser, whose system queries fill the logs (user id 1 there).
            st.execute("DO $$ BEGIN CREATE ROLE rdsdb NOLOGIN SUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            runParts(superuser, "tables");
            names.defineFunctions(superuser, scenario.database());
            runParts(superuser, "functions");
            runViews(superuser, scenario);
            new ClusterWriter(superuser, otherDatabases, scenario, now, names).write();
            grantSystemAccess(superuser, scenario);
            superuser.commit();
            // Fresh statistics, so PostgreSQL plans the system views' joins well from the first query.
            superuser.setAutoCommit(true);
            st.execute("ANALYZE");
            redshiftStringLiterals(superuser);
        } catch (SQLException | RuntimeException e) {
            superuser.rollback();
            throw e;
        } finally {
            superuser.setAutoCommit(autoCommit);
        }
        for (Map.Entry<String, Connection> other : otherDatabases.entrySet()) {
            linkToModel(other.getValue(), other.getKey(), superuser, scenario, names);
        }
    }

    /**
     * Gives another database of the cluster the system views over the default database's model,
     * and lets the scenario's users read its tables (its roles exist now that the model is committed).
     */
    private static void linkToModel(Connection db, String database, Connection model, Scenario scenario, DatabaseNames names)
            throws SQLException {
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
            names.defineFunctions(db, database);
            runParts(db, "functions");
            runViews(db, scenario);
            grantSystemAccess(db, scenario);
            List<Scenario.Table> tables = scenario.tables().stream().filter(t -> database.equals(scenario.databaseOf(t.database()))).toList();
            new TableDdl(db, scenario.users()).grant(tables);
            db.commit();
            redshiftStringLiterals(db);
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    /**
     * Redshift reads a backslash in an ordinary string literal as an escape ({@code 'it\'s'}),
     * as PostgreSQL 8.0, its ancestor, did: AWS's own admin scripts write {@code '\t'} and
     * {@code '\''}. PostgreSQL does the same with {@code standard_conforming_strings} off, for every
     * later session of the database (the gateway does not report the setting, as 8.0 servers did
     * not, so psql and the drivers lex literals the same way).
     */
    private static void redshiftStringLiterals(Connection db) throws SQLException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(true);
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            String database = Identifiers.quote(rs.getString(1));
            st.execute("ALTER DATABASE " + database + " SET standard_conforming_strings = off");
            st.execute("ALTER DATABASE " + database + " SET escape_string_warning = off");
            // Redshift sessions run in UTC unless they SET timezone (r_timezone_config).
            st.execute("ALTER DATABASE " + database + " SET timezone = 'UTC'");
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    private static void runViews(Connection db, Scenario scenario) throws SQLException {
        runParts(db, "views-common");
        if (!scenario.cluster().serverless()) {
            runParts(db, "views-provisioned");
        }
    }

    /** Runs {@code <part>-<kind>.sql} of every part that has one, in the parts' order. */
    private static void runParts(Connection db, String kind) throws SQLException {
        for (String part : PARTS) {
            String resource = part + "-" + kind + ".sql";
            if (SimDatabase.class.getResource("/autopilot/sim/" + resource) != null) {
                run(db, resource);
            }
        }
    }

    /**
     * Logs more queries on an installed cluster (live mode): ids continue after the highest one the
     * cluster has shown, tables and users are resolved from the catalog. Returns the number written.
     */
    public static int appendQueries(Connection superuser, Scenario scenario, Iterable<Scenario.Query> queries, Instant now)
            throws SQLException {
        ActivityContext installed = ActivityContext.installed(superuser, scenario, now);
        int next = installed.nextQueryId();
        WorkloadWriter writer = new WorkloadWriter(superuser, scenario, installed.tableIds(), installed.userIds(), now);
        int end = writer.write(next, queries);
        writer.finish();
        return end - next;
    }

    /**
     * What each user may read of the system relations: user-visible views are granted to PUBLIC
     * where they are created; here a user with SYSLOG ACCESS UNRESTRICTED joins the role the views'
     * row filter looks for, {@code grants} open superuser-visible relations one by one, and
     * {@code systemAccess} opens all of them.
     */
    private static void grantSystemAccess(Connection db, Scenario scenario) throws SQLException {
        try (Statement st = db.createStatement()) {
            for (Scenario.User user : scenario.users()) {
                if (user.superuser()) {
                    continue;
                }
                String grantee = Identifiers.quote(user.name());
                if (user.unrestricted()) {
                    st.addBatch("GRANT redshift_syslog_unrestricted TO " + grantee);
                }
                for (String relation : user.grants()) {
                    st.addBatch("GRANT SELECT ON pg_catalog." + Identifiers.quote(relation.toLowerCase(java.util.Locale.ROOT)) + " TO " + grantee);
                }
                if (!user.systemAccess()) {
                    continue;
                }
                try (var rs = db.createStatement().executeQuery(
                        "SELECT viewname FROM pg_views WHERE schemaname = 'pg_catalog' AND (viewname ~ '^(stl|stv|svl|svv|sys|svcs)_' "
                                + "OR viewname IN ('pg_table_def', 'pg_statistic_indicator', 'pg_user_info'))")) {
                    while (rs.next()) {
                        st.addBatch("GRANT SELECT ON pg_catalog." + Identifiers.quote(rs.getString(1)) + " TO " + grantee);
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
