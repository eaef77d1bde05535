package autopilot.events;

import java.time.Instant;

/**
 * The collector could not read a time range of a source because the cluster no longer keeps it
 * (the collector was away longer than the system-log retention). Data in the range is lost.
 *
 * @param source the system-table source with the hole
 * @param from   last watermark the collector had published
 * @param to     oldest row the cluster still holds
 * @param reason human explanation
 */
public record CollectionGapDetected(String source, Instant from, Instant to, String reason) implements EventPayload {
}
