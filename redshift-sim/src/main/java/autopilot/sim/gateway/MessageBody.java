package autopilot.sim.gateway;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

/** Read cursor over the body of one protocol message (everything after type and length). */
final class MessageBody {
    private final byte[] data;
    private final int end;
    private int pos;

    MessageBody(byte[] data, int length) {
        this.data = data;
        this.end = length;
    }

    String cstring() throws ProtocolException {
        int start = pos;
        while (pos < end && data[pos] != 0) {
            pos++;
        }
        if (pos >= end) {
            throw new ProtocolException("unterminated string in message");
        }
        String s = new String(data, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    int int8() throws ProtocolException {
        need(1);
        return data[pos++] & 0xff;
    }

    int int16() throws ProtocolException {
        need(2);
        int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    int int32() throws ProtocolException {
        need(4);
        int v =
                ((data[pos] & 0xff) << 24)
                        | ((data[pos + 1] & 0xff) << 16)
                        | ((data[pos + 2] & 0xff) << 8)
                        | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    boolean hasRemaining() {
        return pos < end;
    }

    private void need(int n) throws ProtocolException {
        if (end - pos < n) {
            throw new ProtocolException("message shorter than its fields");
        }
    }
}
