package autopilot.sim.gateway;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the PostgreSQL side of a session once the client has logged in to the gateway, and
 * relays PostgreSQL's startup answers (AuthenticationOk, ParameterStatus, BackendKeyData,
 * ReadyForQuery) to the client. Also carries cancel requests, which need a connection of their
 * own.
 */
final class BackendLogin {

    /**
     * What Redshift reports as server_version, sent in place of PostgreSQL's. The Redshift JDBC
     * driver works with it over PostgreSQL 16, and it keeps the driver on the code paths a real
     * cluster drives it down: told "14.x", the driver starts every session with
     * {@code SET extra_float_digits = 3}, which Redshift never receives.
     */
    static final String REDSHIFT_SERVER_VERSION = "8.0.2";

    /**
     * Settings PostgreSQL reports and Redshift, an 8.0.2 server, does not. Without
     * standard_conforming_strings a client assumes it off, as on Redshift, and reads a backslash
     * in a string literal as an escape (psql's lexer, the drivers' literal quoting); the
     * simulator's databases run with it off so PostgreSQL reads literals the same way.
     */
    private static final java.util.Set<String> UNREPORTED = java.util.Set.of("standard_conforming_strings");

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int CANCEL_WAIT_MILLIS = 5_000;

    /** A logged-in backend connection and the transaction status of its first ReadyForQuery. */
    record Link(Socket socket, DataInputStream in, OutputStream out, byte status) {}

    private BackendLogin() {}

    /**
     * Logs in to PostgreSQL as the client's user (trust authentication). Returns empty when
     * PostgreSQL refused, after the client has been told why.
     */
    static Optional<Link> open(
            InetSocketAddress backend, Map<String, String> parameters, ClientWriter client)
            throws IOException {
        Socket socket = connect(backend);
        boolean done = false;
        try {
            DataInputStream in =
                    new DataInputStream(
                            new BufferedInputStream(
                                    socket.getInputStream(), ClientStreams.BUFFER_SIZE));
            OutputStream out =
                    new BufferedOutputStream(socket.getOutputStream(), ClientStreams.BUFFER_SIZE);
            out.write(startupMessage(parameters));
            out.flush();
            Optional<Link> link = relayStartup(socket, in, out, client);
            done = link.isPresent();
            return link;
        } finally {
            if (!done) {
                socket.close();
            }
        }
    }

    private static Optional<Link> relayStartup(
            Socket socket, DataInputStream in, OutputStream out, ClientWriter client)
            throws IOException {
        byte[] body = new byte[1024];
        while (true) {
            int type = in.read();
            if (type < 0) {
                throw new EOFException("backend closed the connection during startup");
            }
            int length = Frames.readBodyLength(in);
            body = Frames.readInto(in, body, length);
            MessageBody m = new MessageBody(body, length);
            switch (type) {
                case Messages.AUTHENTICATION -> {
                    int request = m.int32();
                    if (request != Messages.AUTH_OK) {
                        client.send(
                                Messages.fatal(
                                        "28000",
                                        "the backend asked for authentication method "
                                                + request
                                                + "; the gateway needs trust authentication to PostgreSQL"));
                        return Optional.empty();
                    }
                    client.writeMessage(type, body, length);
                }
                case Messages.ERROR_RESPONSE -> {
                    client.writeMessage(type, body, length);
                    client.flush();
                    return Optional.empty();
                }
                case Messages.PARAMETER_STATUS -> {
                    String name = m.cstring();
                    if ("server_version".equals(name)) {
                        client.write(
                                Messages.parameterStatus(
                                        "server_version", REDSHIFT_SERVER_VERSION));
                    } else if (!UNREPORTED.contains(name)) {
                        client.writeMessage(type, body, length);
                    }
                }
                case Messages.READY_FOR_QUERY -> {
                    client.writeMessage(type, body, length);
                    client.flush();
                    return Optional.of(new Link(socket, in, out, (byte) m.int8()));
                }
                default -> client.writeMessage(type, body, length);
            }
        }
    }

    /**
     * Passes a CancelRequest on. Waits for PostgreSQL to hang up, which it does after acting on it,
     * so the client's cancel call returns only once the cancel has landed.
     */
    static void cancel(InetSocketAddress backend, byte[] processIdAndKey) throws IOException {
        try (Socket socket = connect(backend)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(16);
            out.writeInt(StartupReader.CANCEL_REQUEST);
            out.write(processIdAndKey);
            out.flush();
            socket.setSoTimeout(CANCEL_WAIT_MILLIS);
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // PostgreSQL sends nothing; this only waits for its end of the connection to close.
            }
        }
    }

    private static Socket connect(InetSocketAddress backend) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(backend, CONNECT_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static byte[] startupMessage(Map<String, String> parameters) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        parameters.forEach(
                (name, value) -> {
                    payload.writeBytes(name.getBytes(StandardCharsets.UTF_8));
                    payload.write(0);
                    payload.writeBytes(value.getBytes(StandardCharsets.UTF_8));
                    payload.write(0);
                });
        payload.write(0);
        int length = 8 + payload.size();
        ByteArrayOutputStream message = new ByteArrayOutputStream(length);
        writeInt(message, length);
        writeInt(message, 3 << 16);
        message.writeBytes(payload.toByteArray());
        return message.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
