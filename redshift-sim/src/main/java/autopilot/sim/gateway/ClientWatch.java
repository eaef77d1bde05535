package autopilot.sim.gateway;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ahead of the {@link FrontendRelay} on its own thread, so that the end of the client's
 * connection is seen at once, even while the relay is busy answering a long statement (a
 * simulated VACUUM) and reads nothing. PostgreSQL does the same with
 * {@code client_connection_check_interval}; Redshift ends a session whose client is gone.
 *
 * <p>The relay reads the same bytes, in order, from {@link #in()}; {@code onGone} runs once, on
 * the watching thread, when the client's side ends (closed, reset or killed).
 */
final class ClientWatch {
    private static final Logger log = LoggerFactory.getLogger(ClientWatch.class);
    private static final int PIPE_SIZE = 64 * 1024;

    private final PipedInputStream pipe = new PipedInputStream(PIPE_SIZE);
    private final DataInputStream in = new DataInputStream(new BufferedInputStream(pipe, ClientStreams.BUFFER_SIZE));
    private final AtomicBoolean gone = new AtomicBoolean();
    private final Runnable onGone;

    private ClientWatch(Runnable onGone) {
        this.onGone = onGone;
    }

    /** Starts watching {@code client} on a thread of {@code executor}. */
    static ClientWatch start(InputStream client, Executor executor, long connectionId, Runnable onGone) throws IOException {
        ClientWatch watch = new ClientWatch(onGone);
        PipedOutputStream sink = new PipedOutputStream(watch.pipe);
        executor.execute(() -> watch.pump(client, sink, connectionId));
        return watch;
    }

    /** The client's bytes, for the relay. */
    DataInputStream in() {
        return in;
    }

    /** Tells {@code onGone} (once), e.g. when the relay ended the connection itself. */
    void ended() {
        if (gone.compareAndSet(false, true)) {
            try {
                onGone.run();
            } catch (RuntimeException e) {
                log.warn("Session end handler failed", e);
            }
        }
    }

    private void pump(InputStream client, PipedOutputStream sink, long connectionId) {
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = client.read(buffer)) >= 0) {
                sink.write(buffer, 0, n);
                sink.flush(); // wakes the relay
            }
            log.debug("Connection {}: client closed its side", connectionId);
        } catch (IOException e) {
            log.debug("Connection {}: client side ended: {}", connectionId, e.toString());
        } finally {
            try {
                sink.close(); // the relay reads what is left, then end of stream
            } catch (IOException e) {
                log.trace("closing the read-ahead pipe failed", e);
            }
            ended();
        }
    }
}
