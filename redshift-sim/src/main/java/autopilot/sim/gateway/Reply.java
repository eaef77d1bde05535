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

    /** Send {@code sql} to PostgreSQL in place of what the client sent (e.g. a Redshift-only statement that returns rows). */
    static Reply rewrite(String sql) {
        return new Rewrite(sql);
    }

    /**
     * Answer here, but decide only once the connection's transaction state is known: PostgreSQL
     * has answered everything sent before, so {@code inTransactionBlock} is exact. The answer must
     * be {@link #complete} or {@link #error}; it may take long (the client waits, as for a long
     * statement).
     */
    static Reply deferred(Deferred answer) {
        return new Later(answer);
    }

    /** Decides a deferred answer; see {@link #deferred(Deferred)}. */
    @FunctionalInterface
    interface Deferred {
        Reply answer(boolean inTransactionBlock);
    }

    /** See {@link #rewrite(String)}. */
    record Rewrite(String sql) implements Reply {
        public Rewrite {
            Objects.requireNonNull(sql, "sql");
        }
    }

    /** See {@link #deferred(Deferred)}. */
    record Later(Deferred answer) implements Reply {
        public Later {
            Objects.requireNonNull(answer, "answer");
        }
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
