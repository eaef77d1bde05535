package autopilot.sim.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statements answered by the gateway instead of PostgreSQL, through the Redshift driver in both
 * its extended-protocol default and {@code preferQueryMode=simple}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatementInterceptorTest {
    private static final String SIMPLE = "preferQueryMode=simple";
    private static final String EXTENDED = "";
    private static final String IN_TRANSACTION = "VACUUM cannot run inside a transaction block";

    /** Pretends VACUUM ran; PostgreSQL would fail on the nonexistent tables used below. */
    private static final StatementInterceptor VACUUM_SUCCEEDS =
            (conn, sql) -> isVacuum(sql) ? Reply.complete("VACUUM") : Reply.forward();

    private static final StatementInterceptor VACUUM_FAILS =
            (conn, sql) -> isVacuum(sql) ? Reply.error("25001", IN_TRANSACTION) : Reply.forward();

    private static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = GatewayFixture.start();
        try (Connection su = fixture.postgres.getPostgresDatabase().getConnection();
                Statement st = su.createStatement()) {
            st.execute("CREATE TABLE events (id int)");
            st.execute("GRANT ALL ON events TO " + GatewayFixture.USER);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @AfterEach
    void forwardEverythingAgain() {
        fixture.gateway.setInterceptor(StatementInterceptor.FORWARD_ALL);
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE})
    void completedStatementNeverReachesPostgres(String mode) throws Exception {
        fixture.gateway.setInterceptor(VACUUM_SUCCEEDS);
        try (Connection c = fixture.connect(mode);
                Statement st = c.createStatement()) {
            assertThat(st.execute("VACUUM no_such_table")).isFalse();
            assertSelectOneWorks(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE})
    void errorSurfacesAndConnectionStaysUsable(String mode) throws Exception {
        fixture.gateway.setInterceptor(VACUUM_FAILS);
        try (Connection c = fixture.connect(mode);
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("VACUUM events"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> {
                                assertThat(e.getSQLState()).isEqualTo("25001");
                                assertThat(e.getMessage()).contains(IN_TRANSACTION);
                            });
            assertSelectOneWorks(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE})
    void errorInsideTransactionAbortsItAsPostgresWould(String mode) throws Exception {
        fixture.gateway.setInterceptor(VACUUM_FAILS);
        try (Connection c = fixture.connect(mode);
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.executeUpdate("insert into events values (42)");
            assertThatThrownBy(() -> st.execute("VACUUM events"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("25001"));
            assertThatThrownBy(() -> st.executeQuery("select 1"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = st.executeQuery("select count(*) from events where id = 42")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void interceptedPreparedStatementCanBeReused() throws Exception {
        fixture.gateway.setInterceptor(VACUUM_SUCCEEDS);
        try (Connection c = fixture.connect();
                PreparedStatement ps = c.prepareStatement("VACUUM no_such_table")) {
            for (int i = 0; i < 7; i++) { // past prepareThreshold: a named statement gets reused
                assertThat(ps.execute()).isFalse();
            }
            assertSelectOneWorks(c);
        }
    }

    @Test
    void interceptedStatementInTheMiddleOfABatch() throws Exception {
        fixture.gateway.setInterceptor(VACUUM_SUCCEEDS);
        try (Connection c = fixture.connect();
                Statement st = c.createStatement()) {
            assertThat(st.execute("select 1; VACUUM no_such_table; select 2")).isTrue();
            try (ResultSet rs = st.getResultSet()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(st.getMoreResults()).isFalse();
            assertThat(st.getMoreResults()).isTrue();
            try (ResultSet rs = st.getResultSet()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void earlierFailureInTheBatchSkipsTheInterceptedStatement() throws Exception {
        fixture.gateway.setInterceptor(VACUUM_FAILS);
        try (Connection c = fixture.connect();
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("select 1/0; VACUUM events"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("22012"));
            assertSelectOneWorks(c);
        }
    }

    @Test
    void interceptorSeesTheConnection() throws Exception {
        StringBuilder seenUser = new StringBuilder();
        fixture.gateway.setInterceptor(
                (conn, sql) -> {
                    if (isVacuum(sql)) {
                        seenUser.append(conn.user());
                        return Reply.complete("VACUUM");
                    }
                    return Reply.forward();
                });
        try (Connection c = fixture.connect();
                Statement st = c.createStatement()) {
            st.execute("vacuum events");
        }
        assertThat(seenUser).hasToString(GatewayFixture.USER);
    }

    private static boolean isVacuum(String sql) {
        return sql.strip().toUpperCase(Locale.ROOT).startsWith("VACUUM");
    }

    private static void assertSelectOneWorks(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    /** Fails VACUUM only inside a transaction block, like Redshift; runs it otherwise. */
    private static final StatementInterceptor VACUUM_OUTSIDE_TRANSACTIONS_ONLY =
            (conn, sql) -> isVacuum(sql)
                    ? Reply.deferred(inBlock -> inBlock ? Reply.error("25001", IN_TRANSACTION) : Reply.complete("VACUUM"))
                    : Reply.forward();

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE})
    void deferredAnswerKnowsWhetherATransactionBlockIsOpen(String mode) throws Exception {
        fixture.gateway.setInterceptor(VACUUM_OUTSIDE_TRANSACTIONS_ONLY);
        try (Connection c = fixture.connect(mode);
                Statement st = c.createStatement()) {
            assertThat(st.execute("VACUUM events")).isFalse();
            c.setAutoCommit(false);
            assertThatThrownBy(() -> st.execute("VACUUM events"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25001"));
            c.rollback();
            c.setAutoCommit(true);
            assertSelectOneWorks(c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {EXTENDED, SIMPLE})
    void rewrittenStatementReturnsTheRowsOfItsReplacement(String mode) throws Exception {
        fixture.gateway.setInterceptor((conn, sql) -> sql.toUpperCase(Locale.ROOT).startsWith("ANALYZE COMPRESSION")
                ? Reply.rewrite("select 'events'::text as \"Table\", 'id'::text as \"Column\", 'az64'::text as \"Encoding\"")
                : Reply.forward());
        try (Connection c = fixture.connect(mode);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("ANALYZE COMPRESSION events")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("Encoding")).isEqualTo("az64");
            assertThat(rs.next()).isFalse();
            assertSelectOneWorks(c);
        }
    }
}
