package autopilot.maintenance.queue;

import autopilot.events.Channels;
import autopilot.events.EventCodec;
import autopilot.events.EventDecodingException;
import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import autopilot.events.MaintenanceFailed;
import autopilot.events.MaintenanceRequested;
import autopilot.events.MaintenanceSkipped;
import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.maintenance.plan.Decision;
import autopilot.maintenance.plan.WorkItems;
import autopilot.runtime.outbox.OutboxRelay;
import autopilot.maintenance.state.WorkRuns;
import autopilot.maintenance.work.Clusters;
import autopilot.maintenance.work.Outcome;
import autopilot.maintenance.work.StatusBoard;
import autopilot.maintenance.work.WorkRunner;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Reads the maintenance FIFO queue with the SQS API (not the messaging connector, which cannot hold
 * a group back): receives only while some cluster's window is open (or urgent work is allowed),
 * takes up to 10 items at a time, and works through each cluster's items in priority order while a
 * heartbeat keeps every held item invisible. SQS FIFO keeps a cluster's group blocked while any
 * of its items is held, so across all instances only one item per cluster runs at a time.
 */
@ApplicationScoped
public class WorkPoller {

    private static final Comparator<Held> PRIORITY = Comparator
            .comparing((Held h) -> !h.event().payload().urgent())
            .thenComparing(h -> -h.event().payload().priority())
            .thenComparing(h -> h.event().occurredAt());

    private record Held(Message message, String clusterId, EventEnvelope<MaintenanceRequested> event) {
    }

    private final MaintenanceConfig config;
    private final WorkQueue queue;
    private final Clusters clusters;
    private final WorkRunner runner;
    private final WorkRuns runs;
    private final OutboxRelay relay;
    private final StatusBoard board;
    private final EventCodec codec;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Message> held = new ConcurrentHashMap<>();
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> new Thread(r, "maintenance-worker"));
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "maintenance-heartbeat"));
    private volatile boolean running;
    private Thread poller;

    WorkPoller(MaintenanceConfig config, WorkQueue queue, Clusters clusters, WorkRunner runner, WorkRuns runs, OutboxRelay relay,
               StatusBoard board, EventCodec codec, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.queue = queue;
        this.clusters = clusters;
        this.runner = runner;
        this.runs = runs;
        this.relay = relay;
        this.board = board;
        this.codec = codec;
        this.registry = registry;
        this.clock = clock;
    }

    void start(@Observes StartupEvent start) {
        if (!config.poller().enabled()) {
            return;
        }
        running = true;
        long beat = config.poller().heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
        poller = new Thread(this::loop, "maintenance-poller");
        poller.setDaemon(true);
        poller.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        heartbeat.shutdownNow();
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
        Map<String, List<Held>> byCluster = new LinkedHashMap<>();
        for (Message m : messages) {
            Held item = accept(m);
            if (item != null) {
                held.put(m.messageId(), m);
                board.held(item.clusterId(), item.event().payload());
                byCluster.computeIfAbsent(item.clusterId(), id -> new ArrayList<>()).add(item);
            }
        }
        byCluster.forEach((clusterId, items) -> {
            if (!busy.add(clusterId)) {
                // Cannot happen while SQS blocks a group with items in flight; returned at once if it does.
                items.forEach(h -> release(h, () -> queue.defer(h.message(), Duration.ZERO)));
                return;
            }
            workers.submit(() -> work(clusterId, items));
        });
    }

    /** Decodes and validates; undecodable or invalid items go straight to the DLQ with their reason. */
    private Held accept(Message m) {
        String group = m.attributesAsStrings().getOrDefault("MessageGroupId", "unknown");
        try {
            EventEnvelope<MaintenanceRequested> event = codec.decode(m.body(), MaintenanceRequested.class);
            WorkItems.validate(event.payload());
            if (!event.clusterId().equals(group)) {
                throw new WorkItems.InvalidWorkItemException("MessageGroupId '" + group + "' is not the item's cluster '"
                        + event.clusterId() + "'; one group per cluster is what keeps VACUUMs from overlapping");
            }
            if (!clusters.known(group)) {
                throw new WorkItems.InvalidWorkItemException("no cluster '" + group + "' is configured here "
                        + "(autopilot.maintenance.clusters.<id>); known: " + clusters.ids());
            }
            registry.counter("autopilot.events.consumed", "channel", Channels.MAINTENANCE_WORK, "event_type", event.eventType()).increment();
            return new Held(m, group, event);
        } catch (EventDecodingException | WorkItems.InvalidWorkItemException e) {
            String reason = e instanceof EventDecodingException ? e.getClass().getSimpleName() : "InvalidWorkItem";
            registry.counter("autopilot.events.rejected", "channel", Channels.MAINTENANCE_WORK, "reason", reason).increment();
            Log.warnf("Rejected a work item on %s (%s): %s. Sent to the DLQ.", Channels.MAINTENANCE_WORK, reason, e.getMessage());
            queue.deadLetter(m, group, reason, e.getMessage());
            queue.delete(m);
            return null;
        }
    }

    private void work(String clusterId, List<Held> items) {
        try {
            items.sort(PRIORITY);
            for (Held item : items) {
                if (!running && config.poller().enabled()) {
                    return;
                }
                handle(item);
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "Work on cluster %s stopped; its remaining items come back after their visibility timeout", clusterId);
        } finally {
            items.forEach(h -> {
                held.remove(h.message().messageId());
                board.released(clusterId, h.event().payload().workItemId());
            });
            busy.remove(clusterId);
        }
    }

    private void handle(Held item) {
        String clusterId = item.clusterId();
        MaintenanceRequested work = item.event().payload();
        Instant now = clock.instant();
        boolean open = clusters.window(clusterId).isOpen(now);
        if (!open && !(work.urgent() && clusters.urgentAllowed(clusterId))) {
            Instant opening = clusters.window(clusterId).nextOpening(now);
            registry.counter("autopilot.maintenance.deferred", "cluster", clusterId, "reason", "WINDOW_CLOSED").increment();
            Log.debugf("Cluster %s window closed; item %s waits in the queue until %s", clusterId, work.workItemId(), opening);
            release(item, () -> queue.defer(item.message(), Duration.between(now, opening)));
            return;
        }
        long run = runs.start(clusterId, work);
        Optional<Instant> done = runs.completedSince(clusterId, work.deduplicationId(), now.minus(config.duplicateWindow()));
        Outcome outcome = done.isPresent() ? duplicate(work, done.get()) : runner.run(clusterId, item.event());
        finish(item, run, outcome);
    }

    private static Outcome duplicate(MaintenanceRequested work, Instant completedAt) {
        return new Outcome.Skipped(new MaintenanceSkipped(work.workItemId(), work.table(), MaintenanceSkipped.Code.DUPLICATE,
                "the same work (deduplication id " + work.deduplicationId() + ") completed at " + completedAt));
    }

    /**
     * Records the run and its outcome event in one transaction, then hands the item back to SQS. A
     * crash between the two re-delivers an item whose outcome is already recorded: its next attempt
     * is a DUPLICATE when it had completed, and a fresh re-check otherwise.
     */
    private void finish(Held item, long run, Outcome outcome) {
        String clusterId = item.clusterId();
        MaintenanceRequested work = item.event().payload();
        if (outcome instanceof Outcome.Completed c) {
            if (!record(run, clusterId, WorkRuns.State.COMPLETED, c.event().statements(), "OK", c.event())) {
                finish(item, run, duplicate(work, clock.instant())); // another attempt completed the same work first
                return;
            }
            count(clusterId, "completed", "OK");
            release(item, () -> queue.delete(item.message()));
        } else if (outcome instanceof Outcome.Skipped s) {
            record(run, clusterId, WorkRuns.State.SKIPPED, null, s.event().code() + ": " + s.event().reason(), s.event());
            count(clusterId, "skipped", s.event().code().name());
            release(item, () -> queue.delete(item.message()));
        } else if (outcome instanceof Outcome.Postponed p) {
            registry.counter("autopilot.maintenance.deferred", "cluster", clusterId, "reason", p.code().name()).increment();
            // An item postponed for its own reason goes to the end of the cluster's group once per window, so the
            // items behind it run first; held in flight instead, it would hold them back until it comes back.
            String window = clusters.window(clusterId).closesAt(clock.instant()).map(Instant::toString).orElse("none");
            boolean toTheBack = p.scope() == Decision.Scope.ITEM && !window.equals(WorkQueue.requeuedFor(item.message()));
            String where = toTheBack ? "back at the end of the cluster's queue" : "until " + p.until();
            record(run, clusterId, WorkRuns.State.POSTPONED, null, p.code() + ": " + p.reason() + " (" + where + ")", null);
            Log.infof("Cluster %s, item %s postponed (%s): %s", clusterId, work.workItemId(), where, p.reason());
            release(item, () -> {
                if (toTheBack) {
                    queue.requeue(item.message(), clusterId, window);
                    queue.delete(item.message());
                } else {
                    queue.defer(item.message(), Duration.between(clock.instant(), p.until()));
                }
            });
        } else if (outcome instanceof Outcome.Failed f) {
            int attempt = WorkQueue.attemptOf(item.message());
            boolean retry = f.retryable() && attempt < config.maxAttempts();
            record(run, clusterId, WorkRuns.State.FAILED, null, f.errorClass() + " (attempt " + attempt
                    + (retry ? ", will retry" : ", to the DLQ") + "): " + f.message(),
                    new MaintenanceFailed(work.workItemId(), work.table(), f.errorClass(), f.message(), f.sqlState(), attempt, retry));
            count(clusterId, "failed", f.errorClass());
            Log.warnf("Cluster %s, item %s failed (attempt %d of %d, %s): %s", clusterId, work.workItemId(), attempt,
                    config.maxAttempts(), f.errorClass(), f.message());
            release(item, () -> {
                if (retry) {
                    queue.resend(item.message(), clusterId, attempt + 1);
                } else {
                    queue.deadLetter(item.message(), clusterId, f.errorClass(), "after " + attempt + " attempt(s): " + f.message());
                }
                queue.delete(item.message());
            });
        }
    }

    private boolean record(long run, String clusterId, WorkRuns.State state, List<String> statements, String detail, EventPayload event) {
        boolean recorded = runs.finish(run, clusterId, state, statements, detail, event);
        if (recorded && event != null) {
            relay.drain(); // publish now; an outage leaves the event in the outbox for the relay's timer
        }
        return recorded;
    }

    /** Stops the heartbeat for an item, then hands it back to SQS. */
    private void release(Held item, Runnable action) {
        held.remove(item.message().messageId());
        board.released(item.clusterId(), item.event().payload().workItemId());
        action.run();
    }

    private void count(String clusterId, String outcome, String code) {
        registry.counter("autopilot.maintenance.items", "cluster", clusterId, "outcome", outcome, "code", code).increment();
    }

    private void beat() {
        if (held.isEmpty()) {
            return;
        }
        try {
            queue.extend(held.values()).forEach((id, reason) -> Log.warnf("Visibility heartbeat for item %s failed: %s", id, reason));
        } catch (RuntimeException e) {
            Log.warnf("Visibility heartbeat for %d held item(s) failed: %s", held.size(), e.getMessage());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(100, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
