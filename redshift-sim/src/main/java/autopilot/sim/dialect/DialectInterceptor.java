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

    private static final java.util.regex.Pattern SYSTEM_LOG = java.util.regex.Pattern.compile("(?i)\\b(stl|stv|svl|svcs)_\\w+");

    private final StatementInterceptor first;
    private final boolean refuseSystemLogs;

    /**
     * @param first            answers first (VACUUM, ANALYZE, session settings)
     * @param refuseSystemLogs a Serverless workgroup that refuses STL/STV/SVL/SVCS relations with
     *                         permission denied (rather than not having them)
     */
    public DialectInterceptor(StatementInterceptor first, boolean refuseSystemLogs) {
        this.first = first;
        this.refuseSystemLogs = refuseSystemLogs;
    }

    @Override
    public Reply intercept(ConnectionInfo conn, String sql) {
        Reply reply = first.intercept(conn, sql);
        if (!(reply instanceof Reply.Forward)) {
            return reply;
        }
        if (refuseSystemLogs && SYSTEM_LOG.matcher(sql).find()) {
            for (String relation : NodePlacement.relations(sql)) {
                if (SYSTEM_LOG.matcher(relation).matches()) {
                    return Reply.error("42501", "permission denied for relation " + relation);
                }
            }
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
