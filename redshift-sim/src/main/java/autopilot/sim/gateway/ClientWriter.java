package autopilot.sim.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client-bound half of a connection. Two threads write here: the backend pump relaying
 * PostgreSQL's answers and the frontend relay sending synthetic answers, so messages go out whole
 * under one lock. The relay only writes once the backend has gone quiet, which is what keeps the
 * order right; the lock merely keeps a stray asynchronous message from tearing one.
 */
final class ClientWriter {
    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] scratch = new byte[16 * 1024];

    ClientWriter(OutputStream bufferedOut) {
        this.out = bufferedOut;
    }

    /** Writes complete messages and flushes them. */
    void send(byte[]... messages) throws IOException {
        lock.lock();
        try {
            for (byte[] m : messages) {
                out.write(m);
            }
            out.flush();
        } finally {
            lock.unlock();
        }
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

    /** Writes a run of complete messages, leaving them buffered. */
    void write(byte[] messages, int offset, int length) throws IOException {
        lock.lock();
        try {
            out.write(messages, offset, length);
        } finally {
            lock.unlock();
        }
    }

    /** Writes one message from its type and body, leaving it buffered. */
    void writeMessage(int type, byte[] body, int bodyLength) throws IOException {
        lock.lock();
        try {
            Frames.writeHeader(out, type, bodyLength);
            out.write(body, 0, bodyLength);
        } finally {
            lock.unlock();
        }
    }

    /** Writes one message whose first bytes are in {@code head} and the rest still in {@code in}. */
    void relay(byte[] head, int offset, int length, InputStream in, long rest) throws IOException {
        lock.lock();
        try {
            out.write(head, offset, length);
            Frames.copy(in, out, rest, scratch);
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
