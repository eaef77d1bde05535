package autopilot.sim.gateway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A real PostgreSQL with a {@link WireGateway} in front of it, shared by the tests of one class.
 * Records every statement the gateway reports.
 */
final class GatewayFixture implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "Secret-alice-1";

    /** Known to the gateway but has no PostgreSQL role. */
    static final String GHOST = "ghost";

    /** One statement as the listener saw it. */
    record Seen(ConnectionInfo conn, String sql) {}

    final EmbeddedPostgres postgres;
    final WireGateway gateway;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    private GatewayFixture(EmbeddedPostgres postgres, WireGateway.Builder builder)
            throws IOException {
        this.postgres = postgres;
        this.gateway =
                builder.statementListener((conn, sql) -> seen.add(new Seen(conn, sql))).start();
    }

    static GatewayFixture start() throws IOException, SQLException {
        return start(UnaryOperator.identity());
    }

    /** Starts with extra gateway settings applied on top of the defaults. */
    static GatewayFixture start(UnaryOperator<WireGateway.Builder> options)
            throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        try (Connection su = postgres.getPostgresDatabase().getConnection();
                Statement st = su.createStatement()) {
            st.execute("CREATE ROLE " + USER + " LOGIN");
        }
        return new GatewayFixture(
                postgres,
                options.apply(
                        WireGateway.builder("127.0.0.1", postgres.getPort())
                                .authenticator(
                                        Authenticator.of(
                                                Map.of(USER, PASSWORD, GHOST, PASSWORD)))));
    }

    /** Redshift JDBC URL of the gateway; {@code ssl=false} since the gateway has no TLS here. */
    String url(String extraParameters) {
        return "jdbc:redshift://127.0.0.1:"
                + gateway.port()
                + "/postgres?ssl=false"
                + (extraParameters.isEmpty() ? "" : "&" + extraParameters);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(""), USER, PASSWORD);
    }

    Connection connect(String extraParameters) throws SQLException {
        return DriverManager.getConnection(url(extraParameters), USER, PASSWORD);
    }

    List<String> sqlSeen() {
        return seen.stream().map(Seen::sql).toList();
    }

    @Override
    public void close() throws IOException {
        gateway.close();
        postgres.close();
    }
}
