package autopilot.sim.dialect;

import autopilot.sim.gateway.ConnectionInfo;
import autopilot.sim.gateway.Reply;
import autopilot.sim.gateway.StatementInterceptor;

/**
 * Lets another interceptor answer first (VACUUM, ANALYZE, Redshift's session settings) and sends
 * every statement it forwards through the Redshift dialect: refused as Redshift would refuse it,
 * else translated.
 */
public final class DialectInterceptor implements StatementInterceptor {

    private final StatementInterceptor first;

    public DialectInterceptor(StatementInterceptor first) {
        this.first = first;
    }

    @Override
    public Reply intercept(ConnectionInfo conn, String sql) {
        Reply reply = first.intercept(conn, sql);
        if (!(reply instanceof Reply.Forward)) {
            return reply;
        }
        var refusal = RedshiftDialect.refusal(sql);
        if (refusal.isPresent()) {
            return Reply.error(refusal.get().sqlState(), refusal.get().message());
        }
        String translated = RedshiftDialect.translate(sql);
        return translated.equals(sql) ? reply : Reply.rewrite(translated);
    }

    @Override
    public void sessionEnded(ConnectionInfo conn) {
        first.sessionEnded(conn);
    }
}
