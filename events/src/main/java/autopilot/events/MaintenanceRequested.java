package autopilot.events;

import jakarta.annotation.Nullable;
import java.util.List;

/**
 * A VACUUM and/or ANALYZE work item, analyzer -> maintenance (FIFO, group = cluster id).
 *
 * @param workItemId      unique id of this request
 * @param deduplicationId derived from cluster, table and work: the same work re-requested gets the same id
 * @param table           the table to maintain
 * @param vacuum          the VACUUM to run first, if any
 * @param analyze         the ANALYZE to run after it, if any
 * @param priority        expected benefit; higher runs first
 * @param urgent          run now even outside the maintenance window (if the cluster allows it)
 * @param fingerprints    the findings this work addresses
 * @param reason          why, for people
 * @param tableSizeMb     table size when requested, to estimate the run time
 */
public record MaintenanceRequested(
        String workItemId,
        String deduplicationId,
        TableRef table,
        @Nullable VacuumSpec vacuum,
        @Nullable AnalyzeSpec analyze,
        double priority,
        boolean urgent,
        List<String> fingerprints,
        String reason,
        @Nullable Long tableSizeMb) implements EventPayload {
}
