package autopilot.sim.gateway;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/**
 * Backend-to-client direction of a connection. Reads PostgreSQL's output in large chunks and
 * hands whole runs of messages to the client in one write, so a result set of any size streams
 * through one buffer with a few header reads per row. Only ReadyForQuery and ErrorResponse are
 * looked at, to keep the {@link SyncLedger} current, and DataRow counted for the {@link StatementListener};
 * answers owed to the gateway are swallowed.
 */
final class BackendPump {
    private static final int HEADER = 5;
    private static final int READY_LENGTH = HEADER + 1;

    private final InputStream backend;
    private final ClientWriter client;
    private final SyncLedger ledger;
    private final byte[] buffer = new byte[64 * 1024];

    /** Next unparsed byte. */
    private int pos;

    /** End of the bytes read so far. */
    private int limit;

    /** Start of parsed messages not yet handed to the client: they are buffer[pending, pos). */
    private int pending;

    private SyncLedger.Owner owner = SyncLedger.Owner.CLIENT;
    private boolean errorSinceReady;
    private final ConnectionInfo conn;
    private final StatementListener listener;
    /** DataRow messages relayed to the client since the last ReadyForQuery. */
    private long rowsSinceReady;

    BackendPump(InputStream backend, ClientWriter client, SyncLedger ledger, ConnectionInfo conn, StatementListener listener) {
        this.backend = backend;
        this.client = client;
        this.ledger = ledger;
        this.conn = conn;
        this.listener = listener;
    }

    /** Runs until the backend closes its side. */
    void run() throws IOException {
        while (fill(HEADER)) {
            int type = buffer[pos];
            int length = int32(pos + 1);
            if (length < 4 || length > Frames.MAX_MESSAGE_LENGTH) {
                throw new ProtocolException("invalid backend message length " + length);
            }
            int total = length + 1;
            if (type == Messages.READY_FOR_QUERY) {
                onReadyForQuery(length);
            } else if (owner == SyncLedger.Owner.GATEWAY_QUERY) {
                emitPending();
                discard(total);
            } else {
                errorSinceReady |= type == Messages.ERROR_RESPONSE;
                rowsSinceReady += type == Messages.DATA_ROW ? 1 : 0;
                if (total <= buffer.length) {
                    requireFill(total);
                    pos += total;
                } else {
                    emitPending();
                    relayOversized(total);
                }
            }
        }
        emitPending();
        client.flush();
    }

    private void onReadyForQuery(int length) throws IOException {
        if (length != READY_LENGTH - 1) {
            throw new ProtocolException("ReadyForQuery of length " + length);
        }
        requireFill(READY_LENGTH);
        byte status = buffer[pos + HEADER];
        if (rowsSinceReady > 0) {
            listener.onRows(conn, rowsSinceReady);
            rowsSinceReady = 0;
        }
        owner = ledger.current();
        if (owner == SyncLedger.Owner.CLIENT) {
            pos += READY_LENGTH;
            emitPending();
        } else {
            emitPending();
            pos += READY_LENGTH;
            pending = pos;
        }
        // Only once the message is in the client buffer may a waiting relay write after it.
        ledger.ready(status, errorSinceReady);
        errorSinceReady = false;
        owner = ledger.current();
    }

    /**
     * Makes at least {@code n} unparsed bytes available. Returns false on a clean end of stream
     * between messages.
     */
    private boolean fill(int n) throws IOException {
        while (limit - pos < n) {
            if (pos > 0) {
                emitPending();
                System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                limit -= pos;
                pos = 0;
                pending = 0;
            }
            if (backend.available() == 0) {
                // About to block: whatever the client was given so far must reach it now.
                emitPending();
                client.flush();
            }
            int read = backend.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                if (limit - pos == 0) {
                    return false;
                }
                throw new EOFException("backend closed the connection inside a message");
            }
            limit += read;
            // A query the gateway sent for itself is only ever answered after the relay
            // registered it, so looking again after each read is soon enough.
            owner = ledger.current();
        }
        return true;
    }

    private void requireFill(int n) throws IOException {
        if (!fill(n)) {
            throw new EOFException("backend closed the connection inside a message");
        }
    }

    private void emitPending() throws IOException {
        if (pos > pending) {
            client.write(buffer, pending, pos - pending);
        }
        pending = pos;
    }

    /** A message larger than the buffer: what is buffered, then the rest straight through. */
    private void relayOversized(int total) throws IOException {
        int buffered = limit - pos;
        client.relay(buffer, pos, buffered, backend, total - buffered);
        pos = limit;
        pending = pos;
    }

    private void discard(int total) throws IOException {
        int buffered = Math.min(total, limit - pos);
        pos += buffered;
        pending = pos;
        Frames.skip(backend, total - buffered);
    }

    private int int32(int at) {
        return ((buffer[at] & 0xff) << 24)
                | ((buffer[at + 1] & 0xff) << 16)
                | ((buffer[at + 2] & 0xff) << 8)
                | (buffer[at + 3] & 0xff);
    }
}
