package autopilot.collector.snapshot;

import autopilot.runtime.state.StateStoreException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Watermarks per cluster, in the collector's PostgreSQL, so a restart loses nothing. */
@ApplicationScoped
public class Watermarks {

    /** Resolved on use: the one-shot mode runs with the datasource deactivated. */
    private final Instance<AgroalDataSource> state;
    private final Clock clock;

    Watermarks(Instance<AgroalDataSource> state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    public Optional<Instant> get(String clusterId, String watermark) {
        try (Connection c = state.get().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT position FROM collector_watermark WHERE cluster_id = ? AND watermark = ?")) {
            ps.setString(1, clusterId);
            ps.setString(2, watermark);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("reading watermark " + clusterId + "/" + watermark, e);
        }
    }

    /** All watermarks of a cluster, for the status endpoint. */
    public Map<String, Instant> all(String clusterId) {
        Map<String, Instant> all = new LinkedHashMap<>();
        try (Connection c = state.get().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT watermark, position FROM collector_watermark WHERE cluster_id = ? ORDER BY watermark")) {
            ps.setString(1, clusterId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        } catch (SQLException e) {
            throw new StateStoreException("reading the watermarks of " + clusterId, e);
        }
        return all;
    }

    public void advance(String clusterId, String watermark, Instant position) {
        try (Connection c = state.get().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO collector_watermark (cluster_id, watermark, position, updated_at) "
                     + "VALUES (?, ?, ?, ?) ON CONFLICT (cluster_id, watermark) DO UPDATE "
                     + "SET position = greatest(collector_watermark.position, excluded.position), updated_at = excluded.updated_at")) {
            ps.setString(1, clusterId);
            ps.setString(2, watermark);
            ps.setTimestamp(3, Timestamp.from(position));
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("storing watermark " + clusterId + "/" + watermark, e);
        }
    }
}
