package autopilot.events;

import jakarta.annotation.Nullable;

/**
 * A table on a cluster. Names are data, never SQL: the maintenance service resolves them against
 * the cluster's catalog and quotes them itself.
 */
public record TableRef(String database, String schema, String table, @Nullable Long tableId) {
}
