package autopilot.sim.gateway;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL v3 wire-protocol front door that makes a real PostgreSQL look like a Redshift
 * cluster to Redshift clients. It logs users in itself (MD5, like Redshift), drops the startup
 * parameters only Redshift understands, reports Redshift's server version, and then relays the
 * session to PostgreSQL, showing every statement to a {@link StatementListener} and letting a
 * {@link StatementInterceptor} answer statements in PostgreSQL's place.
 *
 * <p>Listens on the loopback interface; one thread per direction per connection.
 */
public final class WireGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WireGateway.class);

    private final GatewaySettings settings;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Closeable> openSockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private volatile StatementInterceptor interceptor;

    /**
     * Starts a gateway on {@code listenPort} (0 picks a free port) in front of the PostgreSQL at
     * {@code backendHost:backendPort}, with MD5 logins and no TLS.
     */
    public WireGateway(
            int listenPort,
            String backendHost,
            int backendPort,
            Authenticator authenticator,
            StatementListener listener)
            throws IOException {
        this(
                builder(backendHost, backendPort)
                        .port(listenPort)
                        .authenticator(authenticator)
                        .statementListener(listener));
    }

    private WireGateway(Builder b) throws IOException {
        this.settings =
                new GatewaySettings(
                        new InetSocketAddress(b.backendHost, b.backendPort),
                        Objects.requireNonNull(b.authenticator, "authenticator"),
                        b.listener,
                        b.passwordMethod,
                        b.tls,
                        b.databases);
        this.interceptor = b.interceptor;
        this.server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        this.threads = Executors.newCachedThreadPool(daemonThreads("wire-gateway-" + port() + "-"));
        threads.execute(this::acceptLoop);
        log.info(
                "Wire gateway listening on {} for PostgreSQL at {}",
                server.getLocalSocketAddress(),
                settings.backend());
    }

    /** Starts configuring a gateway in front of the PostgreSQL at {@code backendHost:backendPort}. */
    public static Builder builder(String backendHost, int backendPort) {
        return new Builder(backendHost, backendPort);
    }

    /** The port the gateway listens on. */
    public int port() {
        return server.getLocalPort();
    }

    /** Replaces the interceptor; connections pick it up at their next statement. */
    public void setInterceptor(StatementInterceptor interceptor) {
        this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
    }

    /** Stops listening and drops every open connection. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing the listening socket failed", e);
        }
        for (Closeable socket : openSockets) {
            try {
                socket.close();
            } catch (IOException e) {
                log.trace("closing a connection failed", e);
            }
        }
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                log.warn("accept failed", e);
                continue;
            }
            openSockets.add(socket);
            try {
                threads.execute(
                        new ClientConnection(
                                socket,
                                connectionIds.incrementAndGet(),
                                settings,
                                () -> interceptor,
                                threads,
                                openSockets));
            } catch (RejectedExecutionException e) {
                openSockets.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.trace("close failed", e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Options of a {@link WireGateway}; {@link #start()} opens the listening socket. */
    public static final class Builder {
        private final String backendHost;
        private final int backendPort;
        private int port;
        private Authenticator authenticator;
        private StatementListener listener = StatementListener.NONE;
        private StatementInterceptor interceptor = StatementInterceptor.FORWARD_ALL;
        private PasswordMethod passwordMethod = PasswordMethod.MD5;
        private SSLContext tls;
        private BackendDatabases databases = BackendDatabases.SAME;

        private Builder(String backendHost, int backendPort) {
            this.backendHost = Objects.requireNonNull(backendHost, "backendHost");
            this.backendPort = backendPort;
        }

        /** Port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Required: who may log in. */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /** Told about every statement; none by default. */
        public Builder statementListener(StatementListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The initial interceptor; {@link StatementInterceptor#FORWARD_ALL} by default. */
        public Builder interceptor(StatementInterceptor interceptor) {
            this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
            return this;
        }

        /** MD5 by default, as Redshift. */
        public Builder passwordMethod(PasswordMethod passwordMethod) {
            this.passwordMethod = Objects.requireNonNull(passwordMethod, "passwordMethod");
            return this;
        }

        /** Accept SSLRequest with this server context; without one, clients are told 'N'. */
        public Builder tls(SSLContext tls) {
            this.tls = tls;
            return this;
        }

        /** Which PostgreSQL database serves the database a client names; the same name by default. */
        public Builder databases(BackendDatabases databases) {
            this.databases = Objects.requireNonNull(databases, "databases");
            return this;
        }

        public WireGateway start() throws IOException {
            return new WireGateway(this);
        }
    }
}
