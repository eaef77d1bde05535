package autopilot.events;

import java.time.Instant;

/**
 * A later snapshot no longer shows the problem.
 *
 * @param finding    the finding as it was last seen
 * @param resolvedAt when the snapshot that no longer shows it was taken
 * @param reason     why it counts as resolved, e.g. {@code unsorted 2.1% is below 10%}
 */
public record FindingResolved(Finding finding, Instant resolvedAt, String reason) implements EventPayload {
}
