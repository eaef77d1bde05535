package autopilot.runtime.state;

import java.sql.SQLException;

/**
 * A service's own PostgreSQL state could not be read or written. Unchecked, so it travels through
 * message handlers: the message is not acknowledged and comes back, the caller retries later.
 */
public class StateStoreException extends RuntimeException {

    public StateStoreException(String doing, SQLException cause) {
        super("state store (PostgreSQL) failed while " + doing + ": " + cause.getMessage() + " (SQLSTATE " + cause.getSQLState()
                + ")", cause);
    }
}
