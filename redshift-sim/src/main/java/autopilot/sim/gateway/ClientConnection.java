package autopilot.sim.gateway;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection from accept to close: startup, the gateway's own login, the backend
 * login, then a {@link FrontendRelay} on this thread, a {@link BackendPump} on another and a
 * {@link ClientWatch} reading ahead of the relay on a third, so the interceptor hears at once that
 * the session ended. When either direction ends, both sockets close, which ends the other.
 */
final class ClientConnection implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    /** Like PostgreSQL's authentication_timeout: a client that stalls before login is dropped. */
    private static final int LOGIN_TIMEOUT_MILLIS = 60_000;

    private final Socket clientSocket;
    private final long id;
    private final GatewaySettings settings;
    private final Supplier<StatementInterceptor> interceptor;
    private final Executor executor;
    private final Set<Closeable> openSockets;

    ClientConnection(
            Socket clientSocket,
            long id,
            GatewaySettings settings,
            Supplier<StatementInterceptor> interceptor,
            Executor executor,
            Set<Closeable> openSockets) {
        this.clientSocket = clientSocket;
        this.id = id;
        this.settings = settings;
        this.interceptor = interceptor;
        this.executor = executor;
        this.openSockets = openSockets;
    }

    @Override
    public void run() {
        Socket backendSocket = null;
        try {
            clientSocket.setTcpNoDelay(true);
            clientSocket.setSoTimeout(LOGIN_TIMEOUT_MILLIS);
            ClientStreams client = new ClientStreams(clientSocket);
            StartupReader.Request request = StartupReader.read(client, settings.tls());
            if (request instanceof StartupReader.Cancel cancel) {
                BackendLogin.cancel(settings.backend(), cancel.processIdAndKey());
                return;
            }
            Optional<Session> session = login(client, (StartupReader.Startup) request);
            if (session.isPresent()) {
                backendSocket = session.get().link().socket();
                clientSocket.setSoTimeout(0);
                serve(client, session.get());
            }
        } catch (IOException e) {
            log.debug("Connection {} ended: {}", id, e.toString());
        } catch (RuntimeException e) {
            log.warn("Connection {} failed", id, e);
        } finally {
            closeQuietly(clientSocket);
            closeQuietly(backendSocket);
            openSockets.remove(clientSocket);
            if (backendSocket != null) {
                openSockets.remove(backendSocket);
            }
        }
    }

    /** A client that passed the gateway's login and got a backend session. */
    private record Session(ConnectionInfo info, ClientWriter writer, BackendLogin.Link link) {}

    private Optional<Session> login(ClientStreams client, StartupReader.Startup startup)
            throws IOException {
        ClientWriter writer = new ClientWriter(client.out());
        String user = startup.parameters().get("user");
        if (user == null || user.isEmpty()) {
            writer.send(
                    Messages.fatal("28000", "no PostgreSQL user name specified in startup packet"));
            return Optional.empty();
        }
        if (startup.needsNegotiation()) {
            writer.write(Messages.negotiateProtocolVersion(0, startup.protocolOptions()));
        }
        PasswordExchange exchange =
                new PasswordExchange(settings.authenticator(), settings.passwordMethod());
        if (!exchange.authenticate(client.in(), writer, user)) {
            log.info("Connection {}: password authentication failed for user \"{}\"", id, user);
            writer.send(
                    Messages.fatal(
                            "28000", "password authentication failed for user \"" + user + "\""));
            return Optional.empty();
        }
        Map<String, String> parameters = StartupParameters.forBackend(startup.parameters());
        String database = parameters.get("database");
        Optional<String> backendDatabase = settings.databases().backendName(database);
        if (backendDatabase.isEmpty()) {
            writer.send(Messages.fatal("3D000", "database \"" + database + "\" does not exist"));
            return Optional.empty();
        }
        parameters.put("database", backendDatabase.get());
        // The session is known by the database the client named; only PostgreSQL hears the name underneath.
        ConnectionInfo info = new ConnectionInfo(user, database, id);
        Optional<BackendLogin.Link> link =
                BackendLogin.open(settings.backend(), parameters, writer);
        link.ifPresent(l -> openSockets.add(l.socket()));
        log.debug(
                "Connection {}: user \"{}\" database \"{}\" {}",
                id,
                user,
                info.database(),
                link.isPresent() ? "connected" : "refused by the backend");
        return link.map(l -> new Session(info, writer, l));
    }

    private void serve(ClientStreams client, Session session) throws IOException {
        BackendLogin.Link link = session.link();
        SyncLedger ledger = new SyncLedger(link.status());
        BackendPump pump = new BackendPump(link.in(), session.writer(), ledger, session.info(), settings.listener());
        executor.execute(
                () -> {
                    try {
                        pump.run();
                    } catch (IOException e) {
                        log.debug("Connection {}: backend side ended: {}", id, e.toString());
                    } finally {
                        ledger.close();
                        closeQuietly(clientSocket);
                        closeQuietly(link.socket());
                    }
                });
        ClientWatch watch =
                ClientWatch.start(client.in(), executor, id, () -> sessionEnded(session.info()));
        try {
            new FrontendRelay(
                            session.info(),
                            watch.in(),
                            session.writer(),
                            new BackendChannel(link.out(), ledger),
                            settings.listener(),
                            interceptor)
                    .run();
        } finally {
            ledger.close();
            watch.ended();
        }
    }

    private void sessionEnded(ConnectionInfo info) {
        log.debug("Connection {}: session ended", id);
        interceptor.get().sessionEnded(info);
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            log.trace("close failed", e);
        }
    }
}
