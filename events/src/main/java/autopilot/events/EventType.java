package autopilot.events;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Every event type on the wire, with the payload record it maps to and the schema versions this
 * build can read. Adding a field that old readers may ignore keeps the version; removing or
 * changing the meaning of a field raises it.
 */
public enum EventType {
    SNAPSHOT_PART_COLLECTED(SnapshotPartCollected.class, 1),
    COLLECTION_GAP_DETECTED(CollectionGapDetected.class, 1),
    CLUSTER_DROPPED(ClusterDropped.class, 1),
    FINDING_RAISED(FindingRaised.class, 1),
    FINDING_UPDATED(FindingUpdated.class, 1),
    FINDING_RESOLVED(FindingResolved.class, 1),
    MAINTENANCE_REQUESTED(MaintenanceRequested.class, 1),
    MAINTENANCE_COMPLETED(MaintenanceCompleted.class, 1),
    MAINTENANCE_SKIPPED(MaintenanceSkipped.class, 1),
    MAINTENANCE_FAILED(MaintenanceFailed.class, 1),
    PAGE_SENT(PageSent.class, 1),
    CLUSTER_HEALTH_REPORTED(ClusterHealthReported.class, 1);

    private final Class<? extends EventPayload> payloadType;
    private final int schemaVersion;

    EventType(Class<? extends EventPayload> payloadType, int schemaVersion) {
        this.payloadType = payloadType;
        this.schemaVersion = schemaVersion;
    }

    /** The wire name: the payload record's simple name, e.g. {@code FindingRaised}. */
    public String typeName() {
        return payloadType.getSimpleName();
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** The version this build writes. */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Versions this build can read. */
    public Set<Integer> readableVersions() {
        return Set.of(schemaVersion);
    }

    /** Classpath location of the JSON Schema of one version. */
    public String schemaResource(int version) {
        return "/autopilot/events/schemas/" + typeName() + ".v" + version + ".schema.json";
    }

    public static Optional<EventType> byName(String typeName) {
        return Arrays.stream(values()).filter(t -> t.typeName().equals(typeName)).findFirst();
    }

    public static EventType of(Class<?> payloadType) {
        return Arrays.stream(values()).filter(t -> t.payloadType.equals(payloadType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event payload: " + payloadType.getName()));
    }
}
