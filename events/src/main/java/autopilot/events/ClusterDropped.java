package autopilot.events;

import java.time.Instant;

/**
 * A discovered cluster left the registry: it was deleted, or lost its monitoring tag. The
 * collector stops reading it; the analyzer resolves its open findings with this reason.
 *
 * @param reason why it is no longer monitored (e.g. {@code no longer tagged autopilot:monitor=true})
 * @param at     when the collector noticed
 */
public record ClusterDropped(String reason, Instant at) implements EventPayload {
}
