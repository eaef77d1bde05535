package autopilot.sim.maintenance;

/** An error the simulator answers with, as Redshift would: SQLSTATE and message. */
final class SqlError extends RuntimeException {
    final String sqlState;

    SqlError(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }
}
