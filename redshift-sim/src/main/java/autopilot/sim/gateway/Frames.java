package autopilot.sim.gateway;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;

/** Stream helpers for the framing every message after startup uses: type byte, int32 length. */
final class Frames {

    /** PostgreSQL's own ceiling for a single message (PQ_LARGE_MESSAGE_LIMIT). */
    static final int MAX_MESSAGE_LENGTH = 0x3fffffff;

    private Frames() {}

    /** Reads the length word and returns the body length, rejecting garbage early. */
    static int readBodyLength(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 4 || length > MAX_MESSAGE_LENGTH) {
            throw new ProtocolException("invalid message length " + length);
        }
        return length - 4;
    }

    /** Reads {@code n} bytes into {@code buffer}, growing it when too small; returns the buffer used. */
    static byte[] readInto(DataInputStream in, byte[] buffer, int n) throws IOException {
        byte[] target = buffer.length >= n ? buffer : new byte[Math.max(n, buffer.length * 2)];
        in.readFully(target, 0, n);
        return target;
    }

    static void writeHeader(OutputStream out, int type, int bodyLength) throws IOException {
        int length = bodyLength + 4;
        out.write(type);
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
    }

    /** Moves exactly {@code n} bytes through {@code scratch} without materialising the message. */
    static void copy(InputStream in, OutputStream out, long n, byte[] scratch) throws IOException {
        while (n > 0) {
            int read = in.read(scratch, 0, (int) Math.min(scratch.length, n));
            if (read < 0) {
                throw new EOFException("stream ended inside a message");
            }
            out.write(scratch, 0, read);
            n -= read;
        }
    }

    static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                // skip() may give up early without meaning end of stream; read() tells.
                if (in.read() < 0) {
                    throw new EOFException("stream ended inside a message");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }
}
