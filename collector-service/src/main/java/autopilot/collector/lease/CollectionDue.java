package autopilot.collector.lease;

import autopilot.runtime.state.StateStoreException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * When each cluster's source group is next due, and how many times in a row it failed: in the
 * collector's PostgreSQL, so the instance that takes a cluster over goes on with its schedule.
 */
@ApplicationScoped
public class CollectionDue {

    /** The next due time and the failures in a row behind it. */
    public record Due(Instant at, int failures) {
    }

    private final Instance<AgroalDataSource> state;

    CollectionDue(Instance<AgroalDataSource> state) {
        this.state = state;
    }

    public Optional<Due> get(String clusterId, String group) {
        try (Connection c = state.get().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT due_at, failures FROM collection_due WHERE cluster_id = ? AND source_group = ?")) {
            ps.setString(1, clusterId);
            ps.setString(2, group);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Due(rs.getTimestamp(1).toInstant(), rs.getInt(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("reading when " + group + " of cluster " + clusterId + " is due", e);
        }
    }

    public void set(String clusterId, String group, Due due) {
        try (Connection c = state.get().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO collection_due (cluster_id, source_group, due_at, failures) "
                     + "VALUES (?, ?, ?, ?) ON CONFLICT (cluster_id, source_group) DO UPDATE SET due_at = EXCLUDED.due_at, "
                     + "failures = EXCLUDED.failures")) {
            ps.setString(1, clusterId);
            ps.setString(2, group);
            ps.setTimestamp(3, Timestamp.from(due.at()));
            ps.setInt(4, due.failures());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("storing when " + group + " of cluster " + clusterId + " is due", e);
        }
    }
}
