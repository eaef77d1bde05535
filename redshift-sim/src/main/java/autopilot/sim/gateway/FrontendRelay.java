package autopilot.sim.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client-to-backend direction of a connection after login. Shows every SQL text to the
 * {@link StatementListener}, asks the {@link StatementInterceptor} what to do with it, and either
 * forwards the message unchanged or answers it in place of PostgreSQL.
 *
 * <p>Synthetic answers must appear in the client's stream exactly where PostgreSQL's would have,
 * so before writing one the relay {@linkplain BackendChannel#settle() settles} the backend.
 * PostgreSQL itself handles messages one at a time, so the client cannot tell the difference.
 * In the extended protocol, a statement answered here stays answered here: its later Bind,
 * Describe, Execute and Close get synthetic answers too, and after a synthetic error everything
 * up to Sync is discarded, as PostgreSQL does.
 */
final class FrontendRelay {
    private static final Logger log = LoggerFactory.getLogger(FrontendRelay.class);

    private static final int TEXT_OID = 25;

    private final ConnectionInfo conn;
    private final DataInputStream client;
    private final ClientWriter toClient;
    private final BackendChannel backend;
    private final StatementListener listener;
    private final Supplier<StatementInterceptor> interceptor;
    private final InterceptedStatements intercepted = new InterceptedStatements();
    private byte[] body = new byte[8 * 1024];

    /** Discarding messages until Sync, as PostgreSQL does after an error in a batch. */
    private boolean skipping;

    /** Some message of the current batch was answered here, so Sync may need answering here. */
    private boolean answeredInBatch;

    FrontendRelay(
            ConnectionInfo conn,
            DataInputStream client,
            ClientWriter toClient,
            BackendChannel backend,
            StatementListener listener,
            Supplier<StatementInterceptor> interceptor) {
        this.conn = conn;
        this.client = client;
        this.toClient = toClient;
        this.backend = backend;
        this.listener = listener;
        this.interceptor = interceptor;
    }

    /** Runs until the client terminates or closes its side. */
    void run() throws IOException {
        while (true) {
            if (client.available() == 0) {
                backend.flush(); // end of what the client pipelined: let the backend start on it
            }
            int type = client.read();
            if (type < 0) {
                return;
            }
            int length = Frames.readBodyLength(client);
            switch (type) {
                case 'Q' -> onQuery(length);
                case 'P' -> onParse(length);
                case 'B', 'D', 'E', 'C' -> onPortalMessage(type, length);
                case 'S' -> onSync(length);
                case 'X' -> {
                    backend.other(type, client, length, false);
                    backend.flush();
                    return;
                }
                default -> onOther(type, length);
            }
        }
    }

    private void onQuery(int length) throws IOException {
        readBody(length);
        String sql = new MessageBody(body, length).cstring();
        notifyListener(sql);
        if (skipping) {
            return;
        }
        Reply reply = decide(sql);
        if (reply instanceof Reply.Forward) {
            backend.query(body, length);
            return;
        }
        if (reply instanceof Reply.Rewrite rewrite) {
            byte[] query = Messages.cstringBody(rewrite.sql());
            backend.query(query, query.length);
            return;
        }
        int status = backend.settle();
        if (status == BackendChannel.BATCH_FAILED) {
            skipping = true;
            return;
        } else if (status == Messages.STATUS_FAILED_TRANSACTION) {
            // PostgreSQL's own "current transaction is aborted" answer is the faithful one.
            backend.query(body, length);
            return;
        }
        reply = settleDeferred(reply, status);
        if (reply instanceof Reply.Complete complete) {
            toClient.send(
                    Messages.commandComplete(complete.commandTag()),
                    Messages.readyForQuery((byte) status));
        } else {
            Reply.Failure failure = (Reply.Failure) reply;
            byte after = backend.failTransaction((byte) status);
            toClient.send(
                    Messages.error(failure.sqlState(), failure.message()),
                    Messages.readyForQuery(after));
        }
    }

    private void onParse(int length) throws IOException {
        readBody(length);
        MessageBody m = new MessageBody(body, length);
        String name = m.cstring();
        String sql = m.cstring();
        notifyListener(sql);
        if (skipping) {
            return;
        }
        Reply reply = decide(sql);
        if (reply instanceof Reply.Rewrite rewrite) {
            intercepted.forgetStatement(name);
            byte[] parse = Messages.parseBody(name, rewrite.sql());
            backend.extended('P', parse, parse.length);
            return;
        }
        int status = reply instanceof Reply.Forward ? 0 : backend.settle();
        if (reply instanceof Reply.Forward || status == Messages.STATUS_FAILED_TRANSACTION) {
            intercepted.forgetStatement(name);
            backend.extended('P', body, length);
            return;
        } else if (status == BackendChannel.BATCH_FAILED) {
            skipping = true;
            return;
        }
        reply = settleDeferred(reply, status);
        if (reply instanceof Reply.Complete complete) {
            intercepted.prepare(
                    name,
                    new InterceptedStatements.Answer(complete.commandTag(), parameterTypes(m)));
            answeredInBatch = true;
            toClient.send(Messages.parseComplete());
        } else {
            Reply.Failure failure = (Reply.Failure) reply;
            backend.failTransaction((byte) status);
            toClient.send(Messages.error(failure.sqlState(), failure.message()));
            skipping = true;
        }
    }

    /** Bind, Describe, Execute and Close: forwarded unless they name an intercepted statement. */
    private void onPortalMessage(int type, int length) throws IOException {
        if (skipping) {
            Frames.skip(client, length);
            return;
        }
        if (intercepted.isEmpty()) {
            backend.extended(type, client, length);
            return;
        }
        readBody(length);
        MessageBody m = new MessageBody(body, length);
        switch (type) {
            case 'B' -> {
                String portal = m.cstring();
                InterceptedStatements.Answer answer = intercepted.statement(m.cstring());
                if (answer == null) {
                    intercepted.forgetPortal(portal);
                    backend.extended(type, body, length);
                } else if (answerLocally(true, Messages.bindComplete())) {
                    intercepted.bind(portal, answer);
                }
            }
            case 'D' -> {
                int kind = m.int8();
                String name = m.cstring();
                InterceptedStatements.Answer answer =
                        kind == 'S' ? intercepted.statement(name) : intercepted.portal(name);
                if (answer == null) {
                    backend.extended(type, body, length);
                } else if (kind == 'S') {
                    answerLocally(
                            false,
                            Messages.parameterDescription(answer.parameterTypes()),
                            Messages.noData());
                } else {
                    answerLocally(false, Messages.noData());
                }
            }
            case 'E' -> {
                InterceptedStatements.Answer answer = intercepted.portal(m.cstring());
                if (answer == null) {
                    backend.extended(type, body, length);
                } else {
                    answerLocally(true, Messages.commandComplete(answer.commandTag()));
                }
            }
            default -> {
                int kind = m.int8();
                if (intercepted.close(kind, m.cstring())) {
                    answerLocally(false, Messages.closeComplete());
                } else {
                    backend.extended(type, body, length);
                }
            }
        }
    }

    private void onSync(int length) throws IOException {
        Frames.skip(client, length);
        // With nothing forwarded since the last synthetic answer, PostgreSQL owes no
        // ReadyForQuery for this batch, so it is made up here.
        boolean answerHere = skipping || (answeredInBatch && !backend.unsynced());
        skipping = false;
        answeredInBatch = false;
        if (answerHere) {
            toClient.send(Messages.readyForQuery((byte) backend.settle()));
        } else {
            backend.sync();
        }
    }

    /** Flush, FunctionCall and the COPY sub-protocol pass through untouched. */
    private void onOther(int type, int length) throws IOException {
        if (skipping) {
            Frames.skip(client, length);
        } else {
            backend.other(type, client, length, type == 'F');
        }
    }

    /**
     * Writes a synthetic answer once the backend is at rest. {@code rejectIfAborted}: Bind and
     * Execute fail in an aborted transaction, as they would in PostgreSQL. Returns whether the
     * answer was given.
     */
    private boolean answerLocally(boolean rejectIfAborted, byte[]... messages) throws IOException {
        int status = backend.settle();
        answeredInBatch = true;
        if (status == BackendChannel.BATCH_FAILED) {
            skipping = true;
            return false;
        }
        if (rejectIfAborted && status == Messages.STATUS_FAILED_TRANSACTION) {
            toClient.send(
                    Messages.error(
                            "25P02",
                            "current transaction is aborted,"
                                    + " commands ignored until end of transaction block"));
            skipping = true;
            return false;
        }
        toClient.send(messages);
        return true;
    }

    /** Resolves a deferred answer now that the backend is at rest and its transaction state known. */
    private Reply settleDeferred(Reply reply, int status) {
        if (!(reply instanceof Reply.Later later)) {
            return reply;
        }
        try {
            Reply answer = later.answer().answer(status == Messages.STATUS_IN_TRANSACTION);
            if (answer instanceof Reply.Complete || answer instanceof Reply.Failure) {
                return answer;
            }
            return Reply.error("XX000", "deferred statement answer must complete or fail, not " + answer);
        } catch (RuntimeException e) {
            log.warn("Deferred statement answer failed on connection {}", conn.connectionId(), e);
            return Reply.error("XX000", "statement interceptor failed: " + e.getMessage());
        }
    }

    private Reply decide(String sql) {
        try {
            Reply reply = interceptor.get().intercept(conn, sql);
            return reply == null ? Reply.forward() : reply;
        } catch (RuntimeException e) {
            log.warn("Statement interceptor failed on connection {}", conn.connectionId(), e);
            return Reply.error("XX000", "statement interceptor failed: " + e.getMessage());
        }
    }

    private void notifyListener(String sql) {
        try {
            listener.onStatement(conn, sql);
        } catch (RuntimeException e) {
            log.warn("Statement listener failed on connection {}", conn.connectionId(), e);
        }
    }

    private static int[] parameterTypes(MessageBody parse) throws IOException {
        int[] types = new int[parse.int16()];
        for (int i = 0; i < types.length; i++) {
            int oid = parse.int32();
            // PostgreSQL would infer unspecified types; text is what most of them become.
            types[i] = oid == 0 ? TEXT_OID : oid;
        }
        return types;
    }

    private void readBody(int length) throws IOException {
        body = Frames.readInto(client, body, length);
    }
}
