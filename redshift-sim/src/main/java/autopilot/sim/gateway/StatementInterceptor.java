package autopilot.sim.gateway;

/**
 * Hook that lets {@link WireGateway} answer a statement itself instead of sending it to
 * PostgreSQL, e.g. to emulate Redshift-only commands or Redshift-specific errors.
 *
 * <p>Called on the connection's thread for every simple query and every Parse message, after the
 * {@link StatementListener}. Must be fast and must not block: the connection waits for it.
 */
@FunctionalInterface
public interface StatementInterceptor {

    /** Lets every statement through to PostgreSQL. */
    StatementInterceptor FORWARD_ALL = (conn, sql) -> Reply.forward();

    /** Decides what happens to {@code sql}. */
    Reply intercept(ConnectionInfo conn, String sql);

    /**
     * The client's connection ended (closed, reset, or its process killed), called once per
     * session as soon as the gateway sees it, possibly while a {@linkplain Reply#deferred deferred}
     * answer of that session is still being worked out on the connection's thread: a long statement
     * can stop early, as a server ends the statements of a session whose client is gone.
     */
    default void sessionEnded(ConnectionInfo conn) {}
}
