package autopilot.collector.lease;

import autopilot.collector.cluster.ClusterConnections;
import autopilot.collector.cluster.CollectorClusters;
import autopilot.collector.config.CollectorConfig;
import autopilot.collector.messaging.SnapshotPublisher;
import autopilot.events.ClusterDropped;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.registry.ClusterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;

/**
 * A cluster that left the registry (deleted or untagged): its pools close, its lease and due times
 * go, and the instance whose call removed the lease tells the analyzer ({@link ClusterDropped}),
 * which resolves its open findings with the reason. A cluster also configured statically stays.
 */
@ApplicationScoped
public class DroppedClusters {

    private final ClusterConnections connections;
    private final CollectorClusters clusters;
    private final ClusterLeases leases;
    private final SnapshotPublisher publisher;
    private final EventCodec codec;
    private final CollectorConfig config;
    private final Clock clock;

    DroppedClusters(ClusterConnections connections, CollectorClusters clusters, ClusterLeases leases, SnapshotPublisher publisher,
                    EventCodec codec, CollectorConfig config, Clock clock) {
        this.connections = connections;
        this.clusters = clusters;
        this.leases = leases;
        this.publisher = publisher;
        this.codec = codec;
        this.config = config;
        this.clock = clock;
    }

    void registryChanged(@Observes ClusterRegistry.Change change) {
        for (ClusterRegistry.Dropped dropped : change.dropped()) {
            if (clusters.known(dropped.id())) {
                continue; // configured statically as well: still monitored
            }
            connections.forget(dropped.id());
            if (!config.scheduleEnabled()) {
                continue;
            }
            try {
                if (leases.drop(dropped.id())) {
                    EventEnvelope<ClusterDropped> event = EventEnvelope.create(dropped.id(), "collector-service",
                            new ClusterDropped(dropped.reason(), clock.instant()), clock);
                    publisher.publish(dropped.id(), event.eventType(), "dropped", codec.encode(event));
                    Log.infof("Cluster %s no longer collected: %s", dropped.id(), dropped.reason());
                }
            } catch (RuntimeException e) {
                // The lease row stays; the next rebalance removes it once no instance knows the cluster.
                Log.warnf("Cluster %s dropped (%s) but not announced: %s", dropped.id(), dropped.reason(), e.getMessage());
            }
        }
    }
}
