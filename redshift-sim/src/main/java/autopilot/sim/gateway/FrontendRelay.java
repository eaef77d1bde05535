package autopilot.sim.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client-to-backend direction of a connection after login. Shows every SQL text to the
 * {@link StatementListener}, asks the {@link StatementInterceptor} what to do with it, and either
 * forwards the message unchanged or answers it in place of PostgreSQL.
 *
 * <p>Synthetic answers must appear in the client's stream exactly where PostgreSQL's would have.
 * Before writing one, the relay {@linkplain #settle() settles} the backend: it closes any
 * half-sent extended-protocol batch with a Sync of its own (whose ReadyForQuery the pump
 * swallows) and waits until every outstanding ReadyForQuery has been relayed. PostgreSQL itself
 * handles messages one at a time, so the client cannot tell the difference.
 */
final class FrontendRelay {
    private static final Logger log = LoggerFactory.getLogger(FrontendRelay.class);

    /** Sent to make the backend's open transaction fail like the intercepted statement did. */
    static final String ABORT_TRANSACTION_SQL =
            "DO $$BEGIN RAISE EXCEPTION 'transaction aborted by the gateway'; END$$";

    private static final int BATCH_FAILED = -1;
    private static final int TEXT_OID = 25;

    private final ConnectionInfo conn;
    private final DataInputStream client;
    private final ClientWriter toClient;
    private final OutputStream backend;
    private final SyncLedger ledger;
    private final StatementListener listener;
    private final Supplier<StatementInterceptor> interceptor;
    private final InterceptedStatements intercepted = new InterceptedStatements();
    private final byte[] scratch = new byte[16 * 1024];
    private byte[] body = new byte[8 * 1024];

    /** Extended-protocol messages were forwarded since the last Sync reached the backend. */
    private boolean unsynced;
    /** Discarding messages until Sync, as PostgreSQL does after an error in a batch. */
    private boolean skipping;
    /** Some message of the current batch was answered here, so Sync may need answering here. */
    private boolean answeredInBatch;

    FrontendRelay(ConnectionInfo conn, DataInputStream client, ClientWriter toClient,
            OutputStream backend, SyncLedger ledger, StatementListener listener,
            Supplier<StatementInterceptor> interceptor) {
        this.conn = conn;
        this.client = client;
        this.toClient = toClient;
        this.backend = backend;
        this.ledger = ledger;
        this.listener = listener;
        this.interceptor = interceptor;
    }

    /** Runs until the client terminates or closes its side. */
    void run() throws IOException {
        while (true) {
            if (client.available() == 0) {
                backend.flush();
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
                    forwardStreaming(type, length);
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
            forwardQuery(length);
            return;
        }
        int status = settle();
        if (status == BATCH_FAILED) {
            skipping = true;
        } else if (status == Messages.STATUS_FAILED_TRANSACTION) {
            // PostgreSQL's own "current transaction is aborted" answer is the faithful one.
            forwardQuery(length);
        } else if (reply instanceof Reply.Complete complete) {
            toClient.send(Messages.commandComplete(complete.commandTag()),
                    Messages.readyForQuery((byte) status));
        } else {
            Reply.Failure failure = (Reply.Failure) reply;
            byte after = failTransaction((byte) status);
            toClient.send(Messages.error(failure.sqlState(), failure.message()),
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
        if (reply instanceof Reply.Forward) {
            forwardParse(name, length);
            return;
        }
        int status = settle();
        if (status == BATCH_FAILED) {
            skipping = true;
        } else if (status == Messages.STATUS_FAILED_TRANSACTION) {
            forwardParse(name, length);
        } else if (reply instanceof Reply.Complete complete) {
            intercepted.prepare(name,
                    new InterceptedStatements.Answer(complete.commandTag(), parameterTypes(m)));
            answeredInBatch = true;
            toClient.send(Messages.parseComplete());
        } else {
            Reply.Failure failure = (Reply.Failure) reply;
            failTransaction((byte) status);
            toClient.send(Messages.error(failure.sqlState(), failure.message()));
            answeredInBatch = true;
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
            forwardStreaming(type, length);
            unsynced = true;
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
                    forwardExtended(type, length);
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
                    forwardExtended(type, length);
                } else if (kind == 'S') {
                    answerLocally(false,
                            Messages.parameterDescription(answer.parameterTypes()), Messages.noData());
                } else {
                    answerLocally(false, Messages.noData());
                }
            }
            case 'E' -> {
                InterceptedStatements.Answer answer = intercepted.portal(m.cstring());
                if (answer == null) {
                    forwardExtended(type, length);
                } else {
                    answerLocally(true, Messages.commandComplete(answer.commandTag()));
                }
            }
            default -> {
                int kind = m.int8();
                if (intercepted.close(kind, m.cstring())) {
                    answerLocally(false, Messages.closeComplete());
                } else {
                    forwardExtended(type, length);
                }
            }
        }
    }

    private void onSync(int length) throws IOException {
        Frames.skip(client, length);
        boolean answerHere = skipping || (answeredInBatch && !unsynced);
        skipping = false;
        answeredInBatch = false;
        if (answerHere) {
            toClient.send(Messages.readyForQuery((byte) settle()));
        } else {
            ledger.expect(SyncLedger.Owner.CLIENT);
            forwardStreaming('S', 0);
            unsynced = false;
        }
    }

    /** Flush, FunctionCall and the COPY sub-protocol pass through untouched. */
    private void onOther(int type, int length) throws IOException {
        if (skipping) {
            Frames.skip(client, length);
            return;
        }
        if (type == 'F') {
            ledger.expect(SyncLedger.Owner.CLIENT);
        }
        forwardStreaming(type, length);
    }

    /**
     * Writes a synthetic answer once the backend is at rest. {@code rejectIfAborted}: Bind and
     * Execute fail in an aborted transaction, as they would in PostgreSQL. Returns whether the
     * answer was given.
     */
    private boolean answerLocally(boolean rejectIfAborted, byte[]... messages) throws IOException {
        int status = settle();
        answeredInBatch = true;
        if (status == BATCH_FAILED) {
            skipping = true;
            return false;
        }
        if (rejectIfAborted && status == Messages.STATUS_FAILED_TRANSACTION) {
            toClient.send(Messages.error("25P02",
                    "current transaction is aborted, commands ignored until end of transaction block"));
            skipping = true;
            return false;
        }
        toClient.send(messages);
        return true;
    }

    /**
     * Brings the backend to rest. Returns its transaction status, or {@link #BATCH_FAILED} when the
     * part of the current batch already forwarded failed, in which case PostgreSQL would skip the
     * rest of the batch.
     */
    private int settle() throws IOException {
        boolean injected = unsynced;
        if (injected) {
            ledger.expect(SyncLedger.Owner.GATEWAY_SYNC);
            backend.write(Messages.sync());
            unsynced = false;
        }
        backend.flush();
        byte status = ledger.awaitIdle();
        if (injected && ledger.takeGatewaySyncFailure()) {
            return BATCH_FAILED;
        }
        return status;
    }

    /**
     * An error inside a transaction block aborts it. The backend never saw the intercepted
     * statement, so it is made to fail a statement of its own; otherwise it would happily commit
     * work the client believes is rolled back.
     */
    private byte failTransaction(byte status) throws IOException {
        if (status != Messages.STATUS_IN_TRANSACTION) {
            return status;
        }
        ledger.expect(SyncLedger.Owner.GATEWAY_QUERY);
        backend.write(Messages.query(ABORT_TRANSACTION_SQL));
        backend.flush();
        return ledger.awaitIdle();
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
            // Unspecified types would be inferred by PostgreSQL; text is what most of them become.
            types[i] = oid == 0 ? TEXT_OID : oid;
        }
        return types;
    }

    private void forwardQuery(int length) throws IOException {
        ledger.expect(SyncLedger.Owner.CLIENT);
        forwardBody('Q', length);
        // A query ends any implicit extended-protocol transaction, and PostgreSQL answers it with
        // its own ReadyForQuery.
        unsynced = false;
    }

    private void forwardParse(String name, int length) throws IOException {
        intercepted.forgetStatement(name);
        forwardExtended('P', length);
    }

    private void forwardExtended(int type, int length) throws IOException {
        forwardBody(type, length);
        unsynced = true;
    }

    private void forwardBody(int type, int length) throws IOException {
        Frames.writeHeader(backend, type, length);
        backend.write(body, 0, length);
    }

    private void forwardStreaming(int type, int length) throws IOException {
        Frames.writeHeader(backend, type, length);
        Frames.copy(client, backend, length, scratch);
    }

    private void readBody(int length) throws IOException {
        body = Frames.readInto(client, body, length);
    }
}
