package autopilot.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * What a test gets from {@link MotoExtension}: the running emulator, clients for it and the
 * provisioned topology.
 */
public record Moto(MotoServer server, AwsClients clients, AwsTopology.Provisioned topology) {

    /** The JVM-wide emulator with the test topology provisioned (idempotent, so cheap to call again). */
    public static synchronized Moto shared() {
        MotoServer server = MotoServer.shared();
        server.start();
        AwsClients clients = AwsClients.forEndpoint(server.endpoint());
        return new Moto(server, clients, AwsTopology.forTests().provision(clients.sqs(), clients.sns()));
    }

    /**
     * Ends a simulated outage: restarts moto (empty), provisions the topology and runs {@code
     * thenSubscribe} (a test's own subscriptions) while {@code lockQuery} (a {@code SELECT ... FOR
     * UPDATE} on the rows a service's relay claims with SKIP LOCKED) holds what waits to be sent.
     * Without it the relay could publish into a topic that exists again but has no subscriber yet,
     * and the test would miss an event a real deployment, whose topics and subscriptions outlive an
     * outage, would get. Taking the lock also waits for a relay pass in flight to finish.
     */
    public static <T> T restartHolding(DataSource state, String lockQuery, Function<Moto, T> thenSubscribe) {
        try (Connection c = state.getConnection()) {
            c.setAutoCommit(false);
            try (Statement lock = c.createStatement()) {
                lock.execute(lockQuery);
                return thenSubscribe.apply(shared());
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not hold the rows waiting to be sent (" + lockQuery + "): " + e.getMessage(), e);
        }
    }
}
