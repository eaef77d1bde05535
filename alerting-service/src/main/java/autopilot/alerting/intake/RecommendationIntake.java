package autopilot.alerting.intake;

import autopilot.events.EventEnvelope;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Receives finding and maintenance-outcome events and ignores re-deliveries (same event id).
 * Metrics, alarms and pages hang off here (alerting issue).
 */
@ApplicationScoped
public class RecommendationIntake {

    private final Set<UUID> seen = ConcurrentHashMap.newKeySet();

    /** @return true when the event was new */
    public boolean accept(EventEnvelope<?> event) {
        boolean fresh = seen.add(event.eventId());
        Log.debugf("%s for %s%s", event.eventType(), event.clusterId(), fresh ? "" : " re-delivered; ignored");
        return fresh;
    }
}
