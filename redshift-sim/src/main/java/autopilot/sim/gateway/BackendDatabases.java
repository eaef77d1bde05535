package autopilot.sim.gateway;

import java.util.Optional;

/**
 * Which PostgreSQL database the gateway opens for the database a client asks for. A gateway in
 * front of a PostgreSQL of its own passes the name on ({@link #SAME}); one of several simulated
 * clusters sharing a PostgreSQL opens its own database of that name, and refuses a name that is
 * none of its databases as a server without it would (3D000), naming it as the client did.
 */
@FunctionalInterface
public interface BackendDatabases {

    /** Every name is passed on as it is: PostgreSQL answers for a database it does not have. */
    BackendDatabases SAME = Optional::of;

    /** The PostgreSQL database to open for {@code requested}, or empty when the cluster has no such database. */
    Optional<String> backendName(String requested);
}
