package autopilot.sim.gateway;

/**
 * Observer of every SQL text a client sends through {@link WireGateway}, both simple queries and
 * extended-protocol Parse messages, called on the connection's thread before the statement is
 * forwarded or intercepted.
 */
@FunctionalInterface
public interface StatementListener {

    /** A listener that ignores everything. */
    StatementListener NONE = (conn, sql) -> {};

    /** Called with the SQL exactly as the client sent it. */
    void onStatement(ConnectionInfo conn, String sql);
}
