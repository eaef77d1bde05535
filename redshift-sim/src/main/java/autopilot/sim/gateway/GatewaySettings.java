package autopilot.sim.gateway;

import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;

/** The fixed configuration every connection of one {@link WireGateway} shares. */
record GatewaySettings(
        InetSocketAddress backend,
        Authenticator authenticator,
        StatementListener listener,
        PasswordMethod passwordMethod,
        SSLContext tls,
        BackendDatabases databases) {}
