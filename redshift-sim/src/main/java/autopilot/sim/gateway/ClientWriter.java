package autopilot.sim.gateway;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client-bound half of a connection. Two threads write here: the backend pump relaying
 * PostgreSQL's answers and the frontend relay sending synthetic answers, so every message goes
 * out whole under one lock. The relay only writes once the backend has gone quiet, which is what
 * keeps the order right; the lock merely keeps a stray asynchronous message from tearing one.
 */
final class ClientWriter {
    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();

    ClientWriter(OutputStream bufferedOut) {
        this.out = bufferedOut;
    }

    /** Writes complete messages and flushes them. */
    void send(byte[]... messages) throws IOException {
        write(messages);
        flush();
    }

    /** Writes complete messages, leaving them buffered. */
    void write(byte[]... messages) throws IOException {
        lock.lock();
        try {
            for (byte[] m : messages) {
                out.write(m);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Relays one message whose header was already read from {@code in}, streaming the body. */
    void relay(int type, int bodyLength, DataInputStream in, byte[] scratch) throws IOException {
        lock.lock();
        try {
            Frames.writeHeader(out, type, bodyLength);
            Frames.copy(in, out, bodyLength, scratch);
        } finally {
            lock.unlock();
        }
    }

    /** Relays one message the caller already holds in full. */
    void relay(int type, byte[] body, int bodyLength) throws IOException {
        lock.lock();
        try {
            Frames.writeHeader(out, type, bodyLength);
            out.write(body, 0, bodyLength);
        } finally {
            lock.unlock();
        }
    }

    void flush() throws IOException {
        lock.lock();
        try {
            out.flush();
        } finally {
            lock.unlock();
        }
    }
}
