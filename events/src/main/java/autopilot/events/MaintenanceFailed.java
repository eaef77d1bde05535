package autopilot.events;

import jakarta.annotation.Nullable;

/**
 * A work item failed.
 *
 * @param workItemId the request
 * @param table      the table
 * @param errorClass kind of failure, e.g. {@code STATEMENT_TIMEOUT}, {@code CONNECTION}
 * @param message    the error as the cluster reported it
 * @param sqlState   SQLSTATE, if the cluster gave one
 * @param attempt    1-based attempt number
 * @param willRetry  whether the item goes back to the queue for another attempt
 */
public record MaintenanceFailed(String workItemId, TableRef table, String errorClass, String message,
                                @Nullable String sqlState, int attempt, boolean willRetry) implements EventPayload {
}
