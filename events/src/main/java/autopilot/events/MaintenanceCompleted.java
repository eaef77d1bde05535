package autopilot.events;

import java.util.List;

/**
 * A work item ran to the end.
 *
 * @param workItemId     the request
 * @param table          the table
 * @param statements     the exact statements executed, in order
 * @param durationMillis wall time of all statements
 * @param before         health read just before running
 * @param after          health read back afterwards
 */
public record MaintenanceCompleted(String workItemId, TableRef table, List<String> statements,
                                   long durationMillis, TableHealth before, TableHealth after) implements EventPayload {
}
