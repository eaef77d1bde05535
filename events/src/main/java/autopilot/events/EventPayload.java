package autopilot.events;

/** Marker for the body of an event; every permitted record is one event type with its own JSON Schema. */
public sealed interface EventPayload permits
        SnapshotPartCollected, CollectionGapDetected, ClusterDropped,
        FindingRaised, FindingUpdated, FindingResolved,
        MaintenanceRequested, MaintenanceCompleted, MaintenanceSkipped, MaintenanceFailed,
        PageSent, ClusterHealthReported {
}
