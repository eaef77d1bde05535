package autopilot.maintenance.intake;

import autopilot.events.EventEnvelope;
import autopilot.events.MaintenanceRequested;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Receives work items and ignores a re-delivered one (same deduplication id). Safe execution of
 * the work (windows, re-checks, VACUUM/ANALYZE) hangs off here (maintenance issue).
 */
@ApplicationScoped
public class WorkIntake {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /** @return true when the item was new */
    public boolean accept(EventEnvelope<MaintenanceRequested> event) {
        MaintenanceRequested item = event.payload();
        boolean fresh = seen.add(event.clusterId() + "/" + item.deduplicationId());
        Log.debugf("Work item %s for %s.%s on %s%s", item.workItemId(), item.table().schema(), item.table().table(),
                event.clusterId(), fresh ? "" : " re-delivered; ignored");
        return fresh;
    }
}
