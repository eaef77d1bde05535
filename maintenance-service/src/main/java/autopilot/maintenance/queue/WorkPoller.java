package autopilot.maintenance.queue;

import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.maintenance.work.Clusters;
import autopilot.maintenance.work.StatusBoard;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Reads the maintenance FIFO queue with the SQS API (not the messaging connector, which cannot hold
 * a group back): receives only while some cluster's window is open (or urgent work is allowed),
 * takes up to 10 items at a time, and works through each cluster's items in priority order while
 * the {@link VisibilityHeartbeat} keeps every held item invisible. SQS FIFO keeps a cluster's group
 * blocked while any of its items is held, so across all instances only one item per cluster runs at
 * a time. Taking messages in is {@link WorkIntake}'s; each item's turn and what becomes of its message
 * are {@link WorkAttempts}' and {@link Dispositions}'.
 */
@ApplicationScoped
public class WorkPoller {

    private static final Comparator<HeldItem> PRIORITY = Comparator
            .comparing((HeldItem h) -> !h.work().urgent())
            .thenComparing(h -> -h.work().priority())
            .thenComparing(h -> h.event().occurredAt());

    private final MaintenanceConfig config;
    private final WorkQueue queue;
    private final Clusters clusters;
    private final WorkIntake intake;
    private final WorkAttempts attempts;
    private final StatusBoard board;
    private final Clock clock;
    private final VisibilityHeartbeat heartbeat;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> new Thread(r, "maintenance-worker"));
    private volatile boolean running;
    private Thread poller;

    WorkPoller(MaintenanceConfig config, WorkQueue queue, Clusters clusters, WorkIntake intake, WorkAttempts attempts, StatusBoard board,
               Clock clock) {
        this.config = config;
        this.queue = queue;
        this.clusters = clusters;
        this.intake = intake;
        this.attempts = attempts;
        this.board = board;
        this.clock = clock;
        this.heartbeat = new VisibilityHeartbeat(queue::extend);
    }

    void start(@Observes StartupEvent start) {
        if (!config.poller().enabled()) {
            return;
        }
        running = true;
        heartbeat.start(config.poller().heartbeat());
        poller = new Thread(this::loop, "maintenance-poller");
        poller.setDaemon(true);
        poller.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        heartbeat.stop();
        workers.shutdownNow(); // held items reappear after their visibility; the re-check sees what happened
    }

    /** Approximate queue depth, for the API. */
    public Map<String, String> queueDepth() {
        return queue.depth();
    }

    private void loop() {
        while (running) {
            try {
                Instant now = clock.instant();
                if (!clusters.anyReceivable(now)) {
                    Duration untilOpening = clusters.nextOpening(now).map(t -> Duration.between(now, t)).orElse(config.poller().idleCheck());
                    sleep(untilOpening.compareTo(config.poller().idleCheck()) < 0 ? untilOpening : config.poller().idleCheck());
                    continue;
                }
                List<Message> messages = queue.receive();
                if (!messages.isEmpty()) {
                    dispatch(messages);
                } else if (config.poller().waitTime().isZero()) {
                    sleep(Duration.ofMillis(500)); // short polling: do not spin on an empty queue
                }
            } catch (RuntimeException e) {
                if (running) {
                    Log.warnf("Receiving work items failed (%s); trying again shortly", e.getMessage());
                    sleep(Duration.ofSeconds(2));
                }
            }
        }
    }

    private void dispatch(List<Message> messages) {
        Map<String, List<HeldItem>> byCluster = new LinkedHashMap<>();
        for (Message m : messages) {
            Optional<HeldItem> accepted;
            try {
                accepted = intake.accept(m);
            } catch (RuntimeException e) {
                // Alone: the items taken in before it still get worked on (kept in the heartbeat unworked,
                // they would hold their group for as long as this instance lives).
                Log.warnf("Work item %s could not be taken in (%s); it comes back after its visibility timeout", m.messageId(),
                        e.getMessage());
                continue;
            }
            accepted.ifPresent(item -> {
                heartbeat.hold(m);
                board.held(item.clusterId(), item.work());
                byCluster.computeIfAbsent(item.clusterId(), id -> new ArrayList<>()).add(item);
            });
        }
        byCluster.forEach((clusterId, items) -> {
            if (!busy.add(clusterId)) {
                // Cannot happen while SQS blocks a group with items in flight; returned at once if it does.
                items.forEach(h -> release(h, new Disposition.Defer(Duration.ZERO)));
                return;
            }
            workers.submit(() -> work(clusterId, items));
        });
    }

    private void work(String clusterId, List<HeldItem> items) {
        try {
            items.sort(PRIORITY);
            boolean groupHeld = false;
            for (int i = 0; i < items.size(); i++) {
                if (!running && config.poller().enabled()) {
                    return;
                }
                HeldItem item = items.get(i);
                Disposition disposition = attempts.take(item, groupHeld);
                groupHeld |= disposition instanceof Disposition.Defer;
                if (i == items.size() - 1) {
                    // Handing back the last item frees the group, and the next batch of it may arrive at once:
                    // this worker is done with it by then (a busy cluster would send that batch back unworked).
                    busy.remove(clusterId);
                }
                release(item, disposition);
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "Work on cluster %s stopped; its remaining items come back after their visibility timeout", clusterId);
        } finally {
            items.forEach(h -> {
                heartbeat.release(h.message());
                board.released(clusterId, h.work().workItemId());
            });
            busy.remove(clusterId);
        }
    }

    /** Stops the heartbeat for an item, then hands it back to SQS. */
    private void release(HeldItem item, Disposition disposition) {
        heartbeat.release(item.message());
        board.released(item.clusterId(), item.work().workItemId());
        queue.handBack(item.message(), item.clusterId(), disposition);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(100, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
