package autopilot.collector.snapshot;

import autopilot.collector.config.CollectorConfig;
import autopilot.collector.lease.ClusterLeases;
import autopilot.collector.lease.CollectionDue;
import autopilot.collector.source.Source;
import autopilot.runtime.state.StateStoreException;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides when each cluster this instance holds a lease on ({@link ClusterLeases}) is due for table
 * health and workload. Due times live in the collector's PostgreSQL ({@link CollectionDue}), so a
 * cluster that moves to another instance keeps its schedule. A failed collection is retried with
 * exponential backoff (30 s, 1 min, 2 min, ... up to the group's interval); other clusters keep
 * their own schedules.
 */
@ApplicationScoped
public class CollectionScheduler {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

    private final CollectionService collections;
    private final CollectorConfig config;
    private final ClusterLeases leases;
    private final CollectionDue due;
    private final Clock clock;

    CollectionScheduler(CollectionService collections, CollectorConfig config, ClusterLeases leases, CollectionDue due, Clock clock) {
        this.collections = collections;
        this.config = config;
        this.leases = leases;
        this.due = due;
        this.clock = clock;
    }

    @Scheduled(every = "10s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.scheduleEnabled()) {
            return;
        }
        for (String clusterId : leases.held()) {
            // Workload first: the analyzer weighs table findings by how much each table is used.
            runIfDue(clusterId, Source.Group.WORKLOAD, config.workloadInterval());
            runIfDue(clusterId, Source.Group.TABLE_HEALTH, config.tableHealthInterval());
        }
    }

    private void runIfDue(String clusterId, Source.Group group, Duration interval) {
        Optional<CollectionDue.Due> next;
        try {
            next = due.get(clusterId, group.name());
        } catch (StateStoreException e) {
            Log.warnf("Cluster %s not collected: %s", clusterId, e.getMessage());
            return;
        }
        Instant now = clock.instant();
        if (next.isPresent() && now.isBefore(next.get().at())) {
            return;
        }
        // The lease may have gone while earlier clusters were collected: never collect a cluster another instance holds.
        if (!leases.startCollecting(clusterId)) {
            return;
        }
        try {
            collections.collect(clusterId, List.of(group));
            due.set(clusterId, group.name(), new CollectionDue.Due(now.plus(interval), 0));
        } catch (RuntimeException e) {
            int failed = next.map(CollectionDue.Due::failures).orElse(0) + 1;
            Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(failed - 1, 10));
            due.set(clusterId, group.name(), new CollectionDue.Due(now.plus(backoff.compareTo(interval) < 0 ? backoff : interval), failed));
        } finally {
            leases.doneCollecting(clusterId);
        }
    }
}
