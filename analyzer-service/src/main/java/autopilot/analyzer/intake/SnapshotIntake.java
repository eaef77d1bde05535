package autopilot.analyzer.intake;

import autopilot.events.CollectionGapDetected;
import autopilot.events.EventEnvelope;
import autopilot.events.SnapshotPartCollected;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Receives snapshot parts and collection gaps from the collector. Each part is recorded once by
 * its natural key (cluster, snapshot, source, part number) in PostgreSQL, so a re-delivered part,
 * before or after a restart, is recognised and changes nothing. The analysis hangs off here
 * (analyzer issue).
 */
@ApplicationScoped
public class SnapshotIntake {

    private final AgroalDataSource state;
    private final MeterRegistry registry;
    private final Clock clock;

    SnapshotIntake(AgroalDataSource state, MeterRegistry registry, Clock clock) {
        this.state = state;
        this.registry = registry;
        this.clock = clock;
    }

    /** @return true when the event was new, false for a re-delivered part */
    public boolean accept(EventEnvelope<?> event) {
        if (event.payload() instanceof SnapshotPartCollected part) {
            boolean fresh = record(event.clusterId(), part);
            registry.counter("autopilot.analyzer.parts", "source", part.source(), "outcome", fresh ? "new" : "duplicate").increment();
            Log.debugf("Snapshot part %s/%s/%s %d of %d (%d rows)%s", event.clusterId(), part.snapshotId(), part.source(),
                    part.partNumber(), part.partCount(), part.rows().size(), fresh ? "" : " re-delivered; ignored");
            return fresh;
        }
        if (event.payload() instanceof CollectionGapDetected gap) {
            Log.infof("Collection gap on %s/%s from %s to %s", event.clusterId(), gap.source(), gap.from(), gap.to());
            return true;
        }
        Log.warnf("Unexpected %s on the snapshots queue; ignored", event.eventType());
        return false;
    }

    private boolean record(String clusterId, SnapshotPartCollected part) {
        try (Connection c = state.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO processed_part (cluster_id, snapshot_id, source, part_number, "
                     + "part_count, row_count, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, clusterId);
            ps.setObject(2, part.snapshotId());
            ps.setString(3, part.source());
            ps.setInt(4, part.partNumber());
            ps.setInt(5, part.partCount());
            ps.setInt(6, part.rows().size());
            ps.setTimestamp(7, Timestamp.from(clock.instant()));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            // Thrown on: the message is nacked and comes back once the state store answers again.
            throw new IllegalStateException("cannot record snapshot part in the analyzer's state: " + e.getMessage(), e);
        }
    }
}
