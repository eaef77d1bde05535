package autopilot.sim.gateway;

/**
 * Observer of every SQL text a client sends through {@link WireGateway}, both simple queries and
 * extended-protocol Parse messages, called on the connection's thread before the statement is
 * forwarded or intercepted; and of the rows sent back.
 */
@FunctionalInterface
public interface StatementListener {

    /** A listener that ignores everything. */
    StatementListener NONE = (conn, sql) -> {};

    /** Called with the SQL exactly as the client sent it. */
    void onStatement(ConnectionInfo conn, String sql);

    /**
     * Called on the connection's backend thread when PostgreSQL's answer to the client ends
     * (ReadyForQuery) with the data rows that answer relayed to the client, if any; before the
     * client can see the answer end. Rows of the gateway's own queries are not counted.
     */
    default void onRows(ConnectionInfo conn, long rows) {
    }
}
