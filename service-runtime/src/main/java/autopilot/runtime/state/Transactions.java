package autopilot.runtime.state;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work against the service's PostgreSQL state: in one transaction (all of it commits, or none
 * of it) or as a plain read. A failure of the database becomes a {@link StateStoreException} naming
 * what was being done.
 */
@ApplicationScoped
public class Transactions {

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in a transaction; commits when it returns, rolls back when it throws. */
    public <T> T inTransaction(String doing, Work<T> work) {
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
            throw new StateStoreException(doing, e);
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode (reads, single statements). */
    public <T> T read(String doing, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StateStoreException(doing, e);
        }
    }
}
