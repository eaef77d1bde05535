package autopilot.sim.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.ProtocolException;

/**
 * Backend-to-client direction of a connection. Streams every message through a fixed buffer, so
 * result sets of any size pass without being held, and only looks at ReadyForQuery and
 * ErrorResponse to keep the {@link SyncLedger} current.
 */
final class BackendPump {
    private final DataInputStream backend;
    private final ClientWriter client;
    private final SyncLedger ledger;

    BackendPump(DataInputStream backend, ClientWriter client, SyncLedger ledger) {
        this.backend = backend;
        this.client = client;
        this.ledger = ledger;
    }

    /** Runs until the backend closes its side. */
    void run() throws IOException {
        byte[] scratch = new byte[16 * 1024];
        boolean errorSinceReady = false;
        while (true) {
            int type = backend.read();
            if (type < 0) {
                return;
            }
            int bodyLength = Frames.readBodyLength(backend);
            SyncLedger.Owner owner = ledger.current();
            if (type == Messages.READY_FOR_QUERY) {
                if (bodyLength != 1) {
                    throw new ProtocolException("ReadyForQuery of length " + bodyLength);
                }
                byte status = backend.readByte();
                if (owner == SyncLedger.Owner.CLIENT) {
                    scratch[0] = status;
                    client.relay(type, scratch, 1);
                }
                // Only after the message is in the client buffer may a waiting relay write after it.
                ledger.ready(status, errorSinceReady);
                errorSinceReady = false;
            } else {
                errorSinceReady |= type == Messages.ERROR_RESPONSE;
                if (owner == SyncLedger.Owner.GATEWAY_QUERY) {
                    Frames.skip(backend, bodyLength);
                } else {
                    client.relay(type, bodyLength, backend, scratch);
                }
            }
            // Flushing only when the backend has nothing more buffered batches small rows into large
            // writes while never holding back the end of a response.
            if (backend.available() == 0) {
                client.flush();
            }
        }
    }
}
