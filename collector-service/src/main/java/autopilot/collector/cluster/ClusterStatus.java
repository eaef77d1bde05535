package autopilot.collector.cluster;

import java.time.Instant;

/**
 * What the collector knows about one cluster right now.
 *
 * @param clusterId      the configured id
 * @param up             whether the last attempt to read it succeeded
 * @param kind           provisioned or serverless, once known
 * @param lastCollection when the last successful collection finished
 * @param lastSnapshotId the snapshot id of that collection
 * @param lastError      the last failure, if the cluster is down
 * @param failures       failed attempts since start
 */
public record ClusterStatus(String clusterId, boolean up, String kind, Instant lastCollection, String lastSnapshotId,
                            String lastError, long failures) {
}
