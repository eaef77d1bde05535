package autopilot.alerting.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs work in one PostgreSQL transaction: all of it commits, or none of it. */
@ApplicationScoped
public class Database {

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    public Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateStoreException(e);
        }
    }

    /** The alerting state (PostgreSQL) could not be read or written; the caller retries later. */
    public static final class StateStoreException extends RuntimeException {
        StateStoreException(SQLException cause) {
            super("alerting state in PostgreSQL failed: " + cause.getMessage() + " (SQLSTATE " + cause.getSQLState() + ")", cause);
        }
    }
}
