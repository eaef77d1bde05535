package autopilot.sim.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The backend-bound half of a connection as the {@link FrontendRelay} uses it: forwards client
 * messages, registers every sync point with the {@link SyncLedger}, and can bring the backend to
 * rest before the gateway answers something itself.
 */
final class BackendChannel {

    /** {@link #settle()} result: the part of the current batch already forwarded failed. */
    static final int BATCH_FAILED = -1;

    /** Sent to make the backend's open transaction fail like an intercepted statement did. */
    static final String ABORT_TRANSACTION_SQL =
            "DO $$BEGIN RAISE EXCEPTION 'transaction aborted by the gateway'; END$$";

    private final OutputStream out;
    private final SyncLedger ledger;
    private final byte[] scratch = new byte[16 * 1024];

    /** Extended-protocol messages went out since the last Sync did. */
    private boolean unsynced;

    BackendChannel(OutputStream bufferedOut, SyncLedger ledger) {
        this.out = bufferedOut;
        this.ledger = ledger;
    }

    boolean unsynced() {
        return unsynced;
    }

    /** Parse, Bind, Describe, Execute or Close, already read into {@code body}. */
    void extended(int type, byte[] body, int length) throws IOException {
        Frames.writeHeader(out, type, length);
        out.write(body, 0, length);
        unsynced = true;
    }

    /** The same, streamed straight from the client. */
    void extended(int type, DataInputStream from, int length) throws IOException {
        stream(type, from, length);
        unsynced = true;
    }

    /** A simple query: PostgreSQL answers it with a ReadyForQuery of its own. */
    void query(byte[] body, int length) throws IOException {
        ledger.expect(SyncLedger.Owner.CLIENT);
        Frames.writeHeader(out, 'Q', length);
        out.write(body, 0, length);
        unsynced = false;
    }

    void sync() throws IOException {
        ledger.expect(SyncLedger.Owner.CLIENT);
        Frames.writeHeader(out, 'S', 0);
        unsynced = false;
    }

    /** Any other message, streamed; {@code syncPoint} when PostgreSQL answers it with ReadyForQuery. */
    void other(int type, DataInputStream from, int length, boolean syncPoint) throws IOException {
        if (syncPoint) {
            ledger.expect(SyncLedger.Owner.CLIENT);
        }
        stream(type, from, length);
    }

    void flush() throws IOException {
        out.flush();
    }

    /**
     * Brings the backend to rest: closes a half-sent batch with a Sync whose ReadyForQuery the
     * pump swallows, then waits until every ReadyForQuery owed has been relayed. Returns the
     * transaction status, or {@link #BATCH_FAILED} when that half batch failed, in which case
     * PostgreSQL would skip the rest of it.
     */
    int settle() throws IOException {
        boolean injected = unsynced;
        if (injected) {
            ledger.expect(SyncLedger.Owner.GATEWAY_SYNC);
            Frames.writeHeader(out, 'S', 0);
            unsynced = false;
        }
        out.flush();
        byte status = ledger.awaitIdle();
        if (injected && ledger.takeGatewaySyncFailure()) {
            return BATCH_FAILED;
        }
        return status;
    }

    /**
     * An error inside a transaction block aborts it. PostgreSQL never saw the statement the
     * gateway failed, so it is made to fail one of its own; otherwise it would commit work the
     * client believes rolled back. Call only when settled; returns the new status.
     */
    byte failTransaction(byte status) throws IOException {
        if (status != Messages.STATUS_IN_TRANSACTION) {
            return status;
        }
        ledger.expect(SyncLedger.Owner.GATEWAY_QUERY);
        out.write(Messages.query(ABORT_TRANSACTION_SQL));
        out.flush();
        return ledger.awaitIdle();
    }

    private void stream(int type, DataInputStream from, int length) throws IOException {
        Frames.writeHeader(out, type, length);
        Frames.copy(from, out, length, scratch);
    }
}
