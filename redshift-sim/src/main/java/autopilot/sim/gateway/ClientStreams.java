package autopilot.sim.gateway;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** The client socket with its buffered streams, which change once when TLS is switched on. */
final class ClientStreams {
    static final int BUFFER_SIZE = 64 * 1024;

    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    ClientStreams(Socket socket) throws IOException {
        attach(socket);
    }

    DataInputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    /** Runs the server side of the TLS handshake on the existing connection. */
    void upgradeToTls(SSLContext context) throws IOException {
        SSLSocket tls =
                (SSLSocket)
                        context.getSocketFactory()
                                .createSocket(
                                        socket,
                                        socket.getInetAddress().getHostAddress(),
                                        socket.getPort(),
                                        true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        attach(tls);
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        in = new DataInputStream(new BufferedInputStream(s.getInputStream(), BUFFER_SIZE));
        out = new BufferedOutputStream(s.getOutputStream(), BUFFER_SIZE);
    }
}
