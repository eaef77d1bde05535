package autopilot.sim.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Redshift JDBC driver against PostgreSQL through the gateway. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireGatewayTest {
    private static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void redshiftDriverConnectsAndSeesRedshiftVersion() throws Exception {
        try (Connection c = fixture.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(c.getMetaData().getDatabaseProductVersion()).isEqualTo("8.0.2");
        }
    }

    @Test
    void preparedStatementWithBindParameters() throws Exception {
        try (Connection c = fixture.connect();
                PreparedStatement ps = c.prepareStatement("select ?::int + ?::int, upper(?)")) {
            for (int i = 0; i < 7; i++) { // past prepareThreshold, so named server statements too
                ps.setInt(1, i);
                ps.setInt(2, 40);
                ps.setString(3, "row" + i);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(40 + i);
                    assertThat(rs.getString(2)).isEqualTo("ROW" + i);
                }
            }
        }
    }

    @Test
    void largeResultStreamsThrough() throws Exception {
        try (Connection c = fixture.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select g from generate_series(1,100000) g")) {
            long rows = 0;
            long sum = 0;
            while (rs.next()) {
                rows++;
                sum += rs.getInt(1);
            }
            assertThat(rows).isEqualTo(100_000);
            assertThat(sum).isEqualTo(100_000L * 100_001 / 2);
        }
    }

    @Test
    void valuesLargerThanTheRelayBufferPassWhole() throws Exception {
        try (Connection c = fixture.connect();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "select g, repeat(chr(64 + g), 300000 * g) from generate_series(1,3) g")) {
            for (int g = 1; g <= 3; g++) {
                assertThat(rs.next()).isTrue();
                char expected = (char) (64 + g);
                String value = rs.getString(2);
                assertThat(value).hasSize(300_000 * g);
                assertThat(value.chars().allMatch(ch -> ch == expected)).isTrue();
            }
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void listenerSeesStatementsOfBothProtocols() throws Exception {
        try (Connection extended = fixture.connect();
                Connection simple = fixture.connect("preferQueryMode=simple");
                Statement e = extended.createStatement();
                Statement s = simple.createStatement()) {
            e.execute("select 'via extended protocol'");
            s.execute("select 'via simple protocol'");
        }
        assertThat(fixture.sqlSeen())
                .contains("select 'via extended protocol'", "select 'via simple protocol'");
        GatewayFixture.Seen seen =
                fixture.seen.stream()
                        .filter(x -> x.sql().equals("select 'via extended protocol'"))
                        .findFirst()
                        .orElseThrow();
        assertThat(seen.conn().user()).isEqualTo(GatewayFixture.USER);
        assertThat(seen.conn().database()).isEqualTo("postgres");
        assertThat(seen.conn().connectionId()).isPositive();
    }

    @Test
    void wrongPasswordIsRejectedLikeRedshift() {
        assertThatThrownBy(
                        () ->
                                DriverManager.getConnection(
                                        fixture.url(""), GatewayFixture.USER, "not-the-password"))
                .isInstanceOfSatisfying(
                        SQLException.class,
                        e -> {
                            assertThat(e.getSQLState()).isEqualTo("28000");
                            assertThat(e.getMessage())
                                    .contains("password authentication failed for user \"alice\"");
                        });
    }

    @Test
    void unknownUserIsRejectedLikeRedshift() {
        assertThatThrownBy(() -> DriverManager.getConnection(fixture.url(""), "mallory", "x"))
                .isInstanceOfSatisfying(
                        SQLException.class,
                        e -> {
                            assertThat(e.getSQLState()).isEqualTo("28000");
                            assertThat(e.getMessage())
                                    .contains(
                                            "password authentication failed for user \"mallory\"");
                        });
    }

    @Test
    void backendRefusalReachesTheClient() {
        assertThatThrownBy(
                        () ->
                                DriverManager.getConnection(
                                        fixture.url(""),
                                        GatewayFixture.GHOST,
                                        GatewayFixture.PASSWORD))
                .isInstanceOfSatisfying(
                        SQLException.class,
                        e -> {
                            assertThat(e.getSQLState()).isEqualTo("28000");
                            assertThat(e.getMessage()).contains("role \"ghost\" does not exist");
                        });
    }

    @Test
    void cancelReachesTheBackend() throws Exception {
        try (Connection c = fixture.connect();
                Statement st = c.createStatement()) {
            CompletableFuture<Void> canceller =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    awaitActiveQuery("select pg_sleep(30)");
                                    st.cancel();
                                } catch (SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            long started = System.nanoTime();
            assertThatThrownBy(() -> st.execute("select pg_sleep(30)"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(20));
            canceller.get(10, TimeUnit.SECONDS);
            try (ResultSet rs = st.executeQuery("select 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void cleartextPasswordsWorkWhenConfigured() throws Exception {
        try (WireGateway cleartext =
                        WireGateway.builder("127.0.0.1", fixture.postgres.getPort())
                                .authenticator(
                                        Authenticator.of(
                                                Map.of(
                                                        GatewayFixture.USER,
                                                        GatewayFixture.PASSWORD)))
                                .passwordMethod(PasswordMethod.CLEARTEXT)
                                .start();
                Connection c =
                        DriverManager.getConnection(
                                "jdbc:redshift://127.0.0.1:"
                                        + cleartext.port()
                                        + "/postgres?ssl=false",
                                GatewayFixture.USER,
                                GatewayFixture.PASSWORD);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(GatewayFixture.USER);
        }
    }

    @Test
    void aBrokenClientDoesNotHurtTheGateway() throws Exception {
        try (Socket garbage = new Socket("127.0.0.1", fixture.gateway.port())) {
            OutputStream out = garbage.getOutputStream();
            out.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            garbage.setSoTimeout(10_000);
            // The gateway hangs up on nonsense instead of waiting for more of it.
            assertThat(garbage.getInputStream().read()).isEqualTo(-1);
        }
        try (Connection c = fixture.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select 3")) {
            assertThat(rs.next()).isTrue();
        }
    }

    /** Waits, without sleeping, until PostgreSQL is executing {@code sql}. */
    private static void awaitActiveQuery(String sql) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection su = fixture.postgres.getPostgresDatabase().getConnection();
                PreparedStatement ps =
                        su.prepareStatement(
                                "select count(*) from pg_stat_activity where state = 'active' and query = ?")) {
            ps.setString(1, sql);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("query never became active: " + sql);
    }
}
