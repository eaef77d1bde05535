package autopilot.sim;

import autopilot.sim.catalog.DatabaseNames;
import autopilot.sim.catalog.SimDatabase;
import autopilot.sim.gateway.Authenticator;
import autopilot.sim.gateway.BackendDatabases;
import autopilot.sim.gateway.ConnectionInfo;
import autopilot.sim.gateway.WireGateway;
import autopilot.sim.live.LiveDriver;
import autopilot.sim.maintenance.MaintenanceRun;
import autopilot.sim.maintenance.RedshiftStatements;
import autopilot.sim.model.Scenario;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A running simulated Redshift cluster: PostgreSQL underneath (embedded, or an external server
 * given by URL), the scenario's system tables on top, and the wire gateway clients connect to with
 * the Redshift JDBC driver or psql. Start one per test class or per local run; close it to stop.
 */
public final class SimCluster implements AutoCloseable {

    /**
     * How the simulated cluster behaves.
     *
     * @param port                     gateway port (0 = any free port)
     * @param vacuumMegabytesPerSecond how fast a simulated VACUUM works through a table's blocks
     *                                 (default 200 MB/s; tests lower it to make long runs)
     */
    public record Options(int port, double vacuumMegabytesPerSecond) {
        public static Options defaults() {
            return new Options(0, 200);
        }

        public Options withPort(int newPort) {
            return new Options(newPort, vacuumMegabytesPerSecond);
        }

        public Options withVacuumSpeed(double megabytesPerSecond) {
            return new Options(port, megabytesPerSecond);
        }
    }

    /** A statement a client sent through the gateway, as it arrived. */
    public record ReceivedStatement(Instant at, String user, long connectionId, String sql) {
    }

    private final Scenario scenario;
    private final EmbeddedPostgres embedded;
    private final String postgresUrl;
    private final DatabaseNames names;
    private final WireGateway gateway;
    private final List<ReceivedStatement> received = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.concurrent.atomic.LongAdder> rowsSent = new java.util.concurrent.ConcurrentHashMap<>();
    private final Clock clock;
    private final RedshiftStatements redshiftStatements;
    private final LiveDriver live;

    private SimCluster(Scenario scenario, EmbeddedPostgres embedded, String postgresUrl, DatabaseNames names, Options options,
                       Clock clock, Instant installedAt) throws IOException {
        this.scenario = scenario;
        this.embedded = embedded;
        this.postgresUrl = postgresUrl;
        this.names = names;
        this.clock = clock;
        Map<String, String> passwords = scenario.users().stream()
                .collect(Collectors.toMap(Scenario.User::name, Scenario.User::password));
        java.net.URI backend = java.net.URI.create(postgresUrl.substring("jdbc:".length()));
        this.redshiftStatements = new RedshiftStatements(postgresUrl, scenario.database(), names, options.vacuumMegabytesPerSecond(),
                clock);
        this.gateway = WireGateway.builder(backend.getHost(), backend.getPort())
                .port(options.port())
                .authenticator(Authenticator.of(passwords))
                .databases(backendDatabases(scenario, names))
                .statementListener(new autopilot.sim.gateway.StatementListener() {
                    @Override
                    public void onStatement(ConnectionInfo conn, String sql) {
                        record(conn, sql);
                    }

                    @Override
                    public void onRows(ConnectionInfo conn, long rows) {
                        rowsSent.computeIfAbsent(conn.user(), u -> new java.util.concurrent.atomic.LongAdder()).add(rows);
                    }
                })
                .interceptor(new autopilot.sim.dialect.DialectInterceptor(redshiftStatements,
                        scenario.cluster().serverless() && scenario.cluster().refusesSystemLogsWithPermissionDenied()))
                .start();
        this.live = scenario.live() == null ? null
                : LiveDriver.start(scenario, underlyingUrl(), redshiftStatements, clock, installedAt);
    }

    /**
     * A cluster alone on its PostgreSQL lets PostgreSQL answer for any database name, as it always
     * has; one that shares it with others opens only its own databases.
     */
    private static BackendDatabases backendDatabases(Scenario scenario, DatabaseNames names) {
        if (names.equals(DatabaseNames.SAME)) {
            return BackendDatabases.SAME;
        }
        return requested -> scenario.databases().contains(requested) ? Optional.of(names.backend(requested)) : Optional.empty();
    }

    /** Starts an embedded PostgreSQL, installs the scenario and opens the gateway on {@code port} (0 = any free port). */
    public static SimCluster start(Scenario scenario, int port) {
        return start(scenario, Options.defaults().withPort(port));
    }

    /** Starts an embedded PostgreSQL, installs the scenario and opens the gateway. */
    public static SimCluster start(Scenario scenario, Options options) {
        EmbeddedPostgres pg = null;
        try {
            pg = EmbeddedPostgres.builder().start();
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/";
            return install(scenario, pg, url, DatabaseNames.SAME, options, Clock.systemUTC());
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(pg);
            throw new IllegalStateException("redshift-sim could not start scenario " + scenario.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Installs the scenario into an external PostgreSQL (16 or later) reached as a superuser by
     * {@code superuserUrl} (e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}),
     * which must trust loopback connections for the scenario's roles.
     */
    public static SimCluster startOn(String superuserUrl, Scenario scenario, int port) {
        return startOn(superuserUrl, scenario, DatabaseNames.SAME, Options.defaults().withPort(port));
    }

    /**
     * As {@link #startOn(String, Scenario, int)}, the scenario's databases being the PostgreSQL
     * databases {@code names} gives underneath, so that several clusters can share one PostgreSQL
     * ({@link SimFleet}); clients still name them by their Redshift names. Closing the cluster
     * leaves that PostgreSQL running.
     */
    public static SimCluster startOn(String superuserUrl, Scenario scenario, DatabaseNames names, Options options) {
        try {
            String base = superuserUrl.substring(0, superuserUrl.indexOf('/', "jdbc:postgresql://".length()) + 1);
            return install(scenario, null, base, names, options, Clock.systemUTC());
        } catch (IOException | SQLException | RuntimeException e) {
            throw new IllegalStateException("redshift-sim could not install scenario " + scenario.name() + " on " + superuserUrl
                    + ": " + e.getMessage(), e);
        }
    }

    private static SimCluster install(Scenario scenario, EmbeddedPostgres pg, String baseUrl, DatabaseNames names, Options options,
                                      Clock clock) throws IOException, SQLException {
        try (Connection admin = DriverManager.getConnection(baseUrl + "postgres", "postgres", "");
             Statement st = admin.createStatement()) {
            requireSupportedVersion(admin);
            for (String database : scenario.databases()) {
                st.execute("CREATE DATABASE \"" + names.backend(database).replace("\"", "\"\"") + "\"");
            }
        }
        Map<String, Connection> others = new LinkedHashMap<>();
        Instant installedAt = clock.instant();
        try (Connection db = DriverManager.getConnection(baseUrl + names.backend(scenario.database()), "postgres", "")) {
            for (String database : scenario.databases().subList(1, scenario.databases().size())) {
                others.put(database, DriverManager.getConnection(baseUrl + names.backend(database), "postgres", ""));
            }
            SimDatabase.install(db, others, scenario, installedAt, names);
        } finally {
            for (Connection other : others.values()) {
                other.close();
            }
        }
        return new SimCluster(scenario, pg, baseUrl, names, options, clock, installedAt);
    }

    /**
     * PostgreSQL 16 is the oldest that parses what Redshift accepts and older releases refuse:
     * {@code FROM (subquery)} without an alias above all, which admin SQL uses everywhere.
     */
    private static void requireSupportedVersion(Connection admin) throws SQLException {
        try (Statement st = admin.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            rs.next();
            if (rs.getInt(1) < 160000) {
                throw new IllegalStateException("PostgreSQL " + rs.getString(2) + " is too old for redshift-sim: it needs 16 or later "
                        + "(Redshift SQL such as FROM (subquery) without an alias fails on older releases); "
                        + "point --postgres-url at a PostgreSQL 16+ server or leave it out to use the embedded one");
            }
        }
    }

    private void record(ConnectionInfo connection, String sql) {
        received.add(new ReceivedStatement(clock.instant(), connection.user(), connection.connectionId(), sql));
    }

    public Scenario scenario() {
        return scenario;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The gateway's port: what a Redshift client connects to. */
    public int port() {
        return gateway.port();
    }

    /**
     * JDBC URL of the default database for the Redshift driver, e.g.
     * {@code jdbc:redshift://127.0.0.1:5439/dev?ssl=false}. The driver asks for TLS by default; the
     * simulator's gateway speaks plain text on loopback.
     */
    public String jdbcUrl() {
        return jdbcUrl(scenario.database());
    }

    /** JDBC URL of one of the scenario's databases for the Redshift driver. */
    public String jdbcUrl(String database) {
        return "jdbc:redshift://" + host() + ":" + port() + "/" + database + "?ssl=false";
    }

    public Optional<Scenario.User> user(String name) {
        return scenario.users().stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /**
     * A direct superuser connection to the default database on the PostgreSQL underneath (for tests
     * and the simulator's own bookkeeping); it holds the cluster's model for every database.
     */
    public Connection underlyingConnection() throws SQLException {
        return DriverManager.getConnection(underlyingUrl(), "postgres", "");
    }

    /** The JDBC URL of the scenario's default database on the PostgreSQL underneath (there named as {@link DatabaseNames} says). */
    public String underlyingUrl() {
        return postgresUrl + names.backend(scenario.database());
    }

    /** Every statement clients sent through the gateway, in arrival order. */
    public List<ReceivedStatement> receivedStatements() {
        return List.copyOf(received);
    }

    /** Data rows sent back to a user's sessions so far (every result row a client of that user read). */
    public long rowsSent(String user) {
        java.util.concurrent.atomic.LongAdder rows = rowsSent.get(user);
        return rows == null ? 0 : rows.sum();
    }

    /** Every VACUUM and ANALYZE answered so far, with start and end times and outcome. */
    public List<MaintenanceRun> maintenanceRuns() {
        return redshiftStatements.runs();
    }

    @Override
    public void close() {
        if (live != null) {
            live.close();
        }
        gateway.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                // already stopping; nothing left to release
            }
        }
    }
}
