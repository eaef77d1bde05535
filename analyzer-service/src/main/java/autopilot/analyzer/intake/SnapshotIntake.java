package autopilot.analyzer.intake;

import autopilot.events.CollectionGapDetected;
import autopilot.events.EventEnvelope;
import autopilot.events.SnapshotPartCollected;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Receives snapshot parts and collection gaps from the collector and ignores re-deliveries of a
 * part already received (same snapshot, source and part number). The analysis itself hangs off
 * here (analyzer issue).
 */
@ApplicationScoped
public class SnapshotIntake {

    private final Set<String> receivedParts = ConcurrentHashMap.newKeySet();

    /** @return true when the event was new, false for a re-delivered part */
    public boolean accept(EventEnvelope<?> event) {
        if (event.payload() instanceof SnapshotPartCollected part) {
            String key = event.clusterId() + "/" + part.snapshotId() + "/" + part.source() + "/" + part.partNumber();
            boolean fresh = receivedParts.add(key);
            Log.debugf("Snapshot part %s (%d rows)%s", key, part.rows().size(), fresh ? "" : " re-delivered; ignored");
            return fresh;
        }
        if (event.payload() instanceof CollectionGapDetected gap) {
            Log.infof("Collection gap on %s/%s from %s to %s", event.clusterId(), gap.source(), gap.from(), gap.to());
            return true;
        }
        Log.warnf("Unexpected %s on the snapshots queue; ignored", event.eventType());
        return false;
    }
}
