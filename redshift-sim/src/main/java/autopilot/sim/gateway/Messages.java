package autopilot.sim.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encoders for the backend messages the gateway produces itself. */
final class Messages {

    static final byte AUTHENTICATION = 'R';
    static final byte PARAMETER_STATUS = 'S';
    static final byte READY_FOR_QUERY = 'Z';
    static final byte ERROR_RESPONSE = 'E';
    static final byte DATA_ROW = 'D';

    static final int AUTH_OK = 0;
    static final int AUTH_CLEARTEXT = 3;
    static final int AUTH_MD5 = 5;

    static final byte STATUS_IN_TRANSACTION = 'T';
    static final byte STATUS_FAILED_TRANSACTION = 'E';

    private Messages() {}

    static byte[] authenticationRequest(int method, byte[] salt) {
        return new Builder('R').int32(method).bytes(salt).build();
    }

    /** Tells a client asking for a newer 3.x or for protocol options what the gateway speaks. */
    static byte[] negotiateProtocolVersion(int newestMinor, List<String> unsupportedOptions) {
        Builder b = new Builder('v').int32(newestMinor).int32(unsupportedOptions.size());
        unsupportedOptions.forEach(b::cstring);
        return b.build();
    }

    /** Body of a Query message carrying {@code sql} (a NUL-terminated string). */
    static byte[] cstringBody(String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[text.length + 1];
        System.arraycopy(text, 0, body, 0, text.length);
        return body;
    }

    /** Body of a Parse message for {@code statement} with no declared parameter types. */
    static byte[] parseBody(String statement, String sql) {
        byte[] name = cstringBody(statement);
        byte[] text = cstringBody(sql);
        byte[] body = new byte[name.length + text.length + 2];
        System.arraycopy(name, 0, body, 0, name.length);
        System.arraycopy(text, 0, body, name.length, text.length);
        return body; // the trailing int16 0: no parameter types
    }

    static byte[] parameterStatus(String name, String value) {
        return new Builder('S').cstring(name).cstring(value).build();
    }

    static byte[] fatal(String sqlState, String message) {
        return errorResponse("FATAL", sqlState, message);
    }

    static byte[] error(String sqlState, String message) {
        return errorResponse("ERROR", sqlState, message);
    }

    private static byte[] errorResponse(String severity, String sqlState, String message) {
        return new Builder('E')
                .field('S', severity)
                .field('V', severity)
                .field('C', sqlState)
                .field('M', message)
                .int8(0)
                .build();
    }

    static byte[] readyForQuery(byte transactionStatus) {
        return new Builder('Z').int8(transactionStatus).build();
    }

    static byte[] commandComplete(String tag) {
        return new Builder('C').cstring(tag).build();
    }

    static byte[] parseComplete() {
        return new Builder('1').build();
    }

    static byte[] bindComplete() {
        return new Builder('2').build();
    }

    static byte[] closeComplete() {
        return new Builder('3').build();
    }

    static byte[] noData() {
        return new Builder('n').build();
    }

    static byte[] parameterDescription(int[] typeOids) {
        Builder b = new Builder('t').int16(typeOids.length);
        for (int oid : typeOids) {
            b.int32(oid);
        }
        return b.build();
    }

    /** A frontend Query, which the gateway sends to the backend on its own behalf. */
    static byte[] query(String sql) {
        return new Builder('Q').cstring(sql).build();
    }

    /** Accumulates one message body and prefixes type and length on {@link #build()}. */
    static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

        Builder(char type) {
            out.write(type);
            int32(0);
        }

        Builder int8(int v) {
            out.write(v);
            return this;
        }

        Builder int16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Builder int32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Builder bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Builder cstring(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
            return this;
        }

        Builder field(char code, String value) {
            return int8(code).cstring(value);
        }

        byte[] build() {
            byte[] m = out.toByteArray();
            int length = m.length - 1;
            m[1] = (byte) (length >>> 24);
            m[2] = (byte) (length >>> 16);
            m[3] = (byte) (length >>> 8);
            m[4] = (byte) length;
            return m;
        }
    }
}
