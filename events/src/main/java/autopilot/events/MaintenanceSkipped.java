package autopilot.events;

/**
 * A work item was not run, on purpose.
 *
 * @param workItemId the request
 * @param table      the table
 * @param code       machine-readable reason
 * @param reason     human explanation
 */
public record MaintenanceSkipped(String workItemId, TableRef table, Code code, String reason) implements EventPayload {

    /**
     * Why maintenance was skipped. {@code NO_EFFECT}: the statements ran without error but Redshift
     * did nothing (a VACUUM or ANALYZE by a user that neither owns the table nor is superuser
     * "completes successfully" with no effect; Redshift skipped it under its own threshold).
     */
    public enum Code {
        NO_LONGER_NEEDED, TABLE_NOT_FOUND, DENIED_BY_POLICY, AUTOMATIC_MAINTENANCE_RAN,
        VACUUM_ALREADY_RUNNING, WOULD_NOT_FINISH_IN_WINDOW, DUPLICATE, DRY_RUN, UNSAFE_NOW, NO_EFFECT
    }
}
