package autopilot.sim.gateway;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Reads what a client sends before authentication: SSL and GSS encryption requests, then either
 * a StartupMessage or a CancelRequest. These packets have no type byte, only a length and a code.
 */
final class StartupReader {
    static final int CANCEL_REQUEST = 80877102;
    static final int SSL_REQUEST = 80877103;
    static final int GSSENC_REQUEST = 80877104;
    private static final int MAX_STARTUP_LENGTH = 10_000;
    private static final String PROTOCOL_OPTION_PREFIX = "_pq_.";

    /** What the client asked for. */
    sealed interface Request {}

    /**
     * A session request. {@code minorVersion} and {@code protocolOptions} are what the client asked
     * for beyond protocol 3.0; the gateway speaks exactly 3.0 and must say so.
     */
    record Startup(Map<String, String> parameters, int minorVersion, List<String> protocolOptions)
            implements Request {
        boolean needsNegotiation() {
            return minorVersion > 0 || !protocolOptions.isEmpty();
        }
    }

    /** A cancel request: backend process id and secret key, 8 bytes, passed on verbatim. */
    record Cancel(byte[] processIdAndKey) implements Request {}

    private StartupReader() {}

    static Request read(ClientStreams client, SSLContext tls) throws IOException {
        while (true) {
            int length = client.in().readInt();
            if (length < 8 || length > MAX_STARTUP_LENGTH) {
                throw new ProtocolException("invalid startup packet length " + length);
            }
            int code = client.in().readInt();
            byte[] payload = new byte[length - 8];
            client.in().readFully(payload);
            switch (code) {
                case SSL_REQUEST -> {
                    client.out().write(tls == null ? 'N' : 'S');
                    client.out().flush();
                    if (tls != null) {
                        client.upgradeToTls(tls);
                    }
                }
                case GSSENC_REQUEST -> {
                    client.out().write('N');
                    client.out().flush();
                }
                case CANCEL_REQUEST -> {
                    if (payload.length != 8) {
                        throw new ProtocolException("CancelRequest of length " + length);
                    }
                    return new Cancel(payload);
                }
                default -> {
                    return startup(client, code, payload);
                }
            }
        }
    }

    private static Startup startup(ClientStreams client, int version, byte[] payload)
            throws IOException {
        int major = version >>> 16;
        int minor = version & 0xffff;
        if (major != 3) {
            String message =
                    "unsupported frontend protocol "
                            + major
                            + "."
                            + minor
                            + ": server supports 3.0 to 3.0";
            client.out().write(Messages.fatal("0A000", message));
            client.out().flush();
            throw new ProtocolException(message);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> protocolOptions = new ArrayList<>();
        MessageBody body = new MessageBody(payload, payload.length);
        while (body.hasRemaining()) {
            String name = body.cstring();
            if (name.isEmpty()) {
                break;
            }
            String value = body.cstring();
            if (name.startsWith(PROTOCOL_OPTION_PREFIX)) {
                protocolOptions.add(name);
            } else {
                parameters.put(name, value);
            }
        }
        return new Startup(parameters, minor, protocolOptions);
    }
}
