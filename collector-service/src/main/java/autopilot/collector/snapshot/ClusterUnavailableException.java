package autopilot.collector.snapshot;

import java.sql.SQLException;

/** A cluster could not be reached or refused a query; the collection is retried on the next cycle. */
public class ClusterUnavailableException extends RuntimeException {
    public ClusterUnavailableException(String clusterId, SQLException cause) {
        super("cluster " + clusterId + " is unavailable: " + cause.getMessage()
                + (cause.getSQLState() == null ? "" : " (SQLSTATE " + cause.getSQLState() + ")"), cause);
    }
}
