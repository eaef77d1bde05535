package autopilot.collector.snapshot;

import autopilot.collector.config.CollectorConfig;
import autopilot.collector.source.Source;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when each cluster's table health and workload are due. A failed collection is retried
 * with exponential backoff (30 s, 1 min, 2 min, ... up to the group's interval); other clusters
 * keep their own schedules.
 */
@ApplicationScoped
public class CollectionScheduler {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

    private final CollectionService collections;
    private final CollectorConfig config;
    private final Clock clock;
    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    CollectionScheduler(CollectionService collections, CollectorConfig config, Clock clock) {
        this.collections = collections;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "10s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.scheduleEnabled()) {
            return;
        }
        for (String clusterId : config.clusters().keySet()) {
            // Workload first: the analyzer weighs table findings by how much each table is used.
            runIfDue(clusterId, Source.Group.WORKLOAD, config.workloadInterval());
            runIfDue(clusterId, Source.Group.TABLE_HEALTH, config.tableHealthInterval());
        }
    }

    private void runIfDue(String clusterId, Source.Group group, Duration interval) {
        String key = clusterId + "/" + group;
        Instant now = clock.instant();
        if (now.isBefore(due.getOrDefault(key, Instant.MIN))) {
            return;
        }
        try {
            collections.collect(clusterId, List.of(group));
            failures.remove(key);
            due.put(key, now.plus(interval));
        } catch (RuntimeException e) {
            int failed = failures.merge(key, 1, Integer::sum);
            Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(failed - 1, 10));
            due.put(key, now.plus(backoff.compareTo(interval) < 0 ? backoff : interval));
        }
    }
}
