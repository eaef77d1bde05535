package autopilot.sim.gateway;

import java.util.Objects;

/**
 * What a {@link StatementInterceptor} decided for one statement: forward it to PostgreSQL,
 * report it as completed with a command tag, or fail it with an SQLSTATE and message.
 */
public sealed interface Reply {

    /** Send the statement to PostgreSQL unchanged. */
    static Reply forward() {
        return Forward.INSTANCE;
    }

    /** Pretend the statement ran and returned no rows; {@code commandTag} is e.g. {@code "VACUUM"}. */
    static Reply complete(String commandTag) {
        return new Complete(commandTag);
    }

    /** Fail the statement with an ERROR carrying {@code sqlState} and {@code message}. */
    static Reply error(String sqlState, String message) {
        return new Failure(sqlState, message);
    }

    /** See {@link #forward()}. */
    enum Forward implements Reply {
        INSTANCE
    }

    /** See {@link #complete(String)}. */
    record Complete(String commandTag) implements Reply {
        public Complete {
            Objects.requireNonNull(commandTag, "commandTag");
        }
    }

    /** See {@link #error(String, String)}. */
    record Failure(String sqlState, String message) implements Reply {
        public Failure {
            Objects.requireNonNull(message, "message");
            if (sqlState == null || sqlState.length() != 5) {
                throw new IllegalArgumentException("SQLSTATE must have 5 characters: " + sqlState);
            }
        }
    }
}
