package autopilot.sim.gateway;

/**
 * Identity of one client session of {@link WireGateway}: the authenticated user, the database it
 * asked for and a gateway-wide connection number.
 */
public record ConnectionInfo(String user, String database, long connectionId) {}
