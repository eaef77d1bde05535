package autopilot.maintenance.queue;

import autopilot.events.EventPayload;
import autopilot.events.MaintenanceFailed;
import autopilot.events.MaintenanceRequested;
import autopilot.events.MaintenanceSkipped;
import autopilot.maintenance.MaintenanceMetrics;
import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.runtime.outbox.OutboxRelay;
import autopilot.maintenance.state.WorkRuns;
import autopilot.maintenance.window.MaintenanceWindow;
import autopilot.maintenance.work.Clusters;
import autopilot.maintenance.work.Outcome;
import autopilot.maintenance.work.WorkRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One turn of a held item: whether it may be attempted now, the attempt (re-check and run, or a
 * DUPLICATE when the same work completed lately on any instance), the run and its outcome event
 * recorded, and what becomes of its message ({@link Dispositions}). It touches no queue: the poller
 * hands the message back as returned, after the record.
 */
@ApplicationScoped
public class WorkAttempts {

    private final MaintenanceConfig config;
    private final Clusters clusters;
    private final WorkRunner runner;
    private final WorkRuns runs;
    private final OutboxRelay relay;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Dispositions dispositions;

    WorkAttempts(MaintenanceConfig config, Clusters clusters, WorkRunner runner, WorkRuns runs, OutboxRelay relay, MeterRegistry registry,
                 Clock clock) {
        this.config = config;
        this.clusters = clusters;
        this.runner = runner;
        this.runs = runs;
        this.relay = relay;
        this.registry = registry;
        this.clock = clock;
        // A waiting item is held in flight at most one visibility timeout at a time, the longest the
        // service keeps any message it is not working on.
        this.dispositions = new Dispositions(config.maxAttempts(), config.poller().visibilityTimeout());
    }

    /**
     * Attempts the item if it may be attempted now; returns what becomes of its message.
     * {@code groupHeld}: another message of the batch was deferred, holding the cluster's group.
     */
    Disposition take(HeldItem item, boolean groupHeld) {
        String clusterId = item.clusterId();
        MaintenanceRequested work = item.work();
        Instant now = clock.instant();
        MaintenanceWindow window = clusters.window(clusterId);
        boolean open = window.isOpen(now);
        Instant opening = window.nextOpening(now);
        boolean urgentNow = work.urgent() && clusters.urgentAllowed(clusterId);
        runs.received(clusterId, item.event(), open || urgentNow ? null : opening);
        Optional<Disposition> waiting = dispositions.beforeAttempt(item.delivery(), open, urgentNow, opening, now, groupHeld);
        if (waiting.isPresent()) {
            if (!open && !item.delivery().waitsFor(opening)) { // counted once per item and opening, not per receive
                registry.counter(MaintenanceMetrics.DEFERRED, "cluster", clusterId, "reason", "WINDOW_CLOSED").increment();
                Log.debugf("Cluster %s window closed; item %s waits in the queue until %s", clusterId, work.workItemId(), opening);
            }
            return waiting.get();
        }
        long run = runs.start(clusterId, work);
        Optional<Instant> done = runs.completedSince(clusterId, work.deduplicationId(), now.minus(config.duplicateWindow()));
        Outcome outcome = done.isPresent() ? duplicate(work, done.get()) : runner.run(clusterId, item.event());
        return finish(item, run, outcome, groupHeld);
    }

    private static Outcome duplicate(MaintenanceRequested work, Instant completedAt) {
        return new Outcome.Skipped(new MaintenanceSkipped(work.workItemId(), work.table(), MaintenanceSkipped.Code.DUPLICATE,
                "the same work (deduplication id " + work.deduplicationId() + ") completed at " + completedAt));
    }

    /**
     * Records the run and its outcome event in one transaction; the item goes back to SQS after. A
     * crash between the two re-delivers an item whose outcome is already recorded: its next attempt
     * is a DUPLICATE when it had completed, and a fresh re-check otherwise.
     */
    private Disposition finish(HeldItem item, long run, Outcome outcome, boolean groupHeld) {
        String clusterId = item.clusterId();
        MaintenanceRequested work = item.work();
        Instant now = clock.instant();
        String window = clusters.window(clusterId).closesAt(now).map(Instant::toString).orElse("none");
        Disposition disposition = dispositions.afterAttempt(outcome, item.delivery(), window, now, groupHeld);
        if (outcome instanceof Outcome.Completed c) {
            if (!record(run, clusterId, WorkRuns.State.COMPLETED, c.event().statements(), "OK", c.event())) {
                return finish(item, run, duplicate(work, clock.instant()), groupHeld); // another attempt completed the same work first
            }
            count(clusterId, "completed", "OK");
        } else if (outcome instanceof Outcome.Skipped s) {
            record(run, clusterId, WorkRuns.State.SKIPPED, null, s.event().code() + ": " + s.event().reason(), s.event());
            count(clusterId, "skipped", s.event().code().name());
        } else if (outcome instanceof Outcome.Postponed p) {
            registry.counter(MaintenanceMetrics.DEFERRED, "cluster", clusterId, "reason", p.code().name()).increment();
            boolean toTheBack = disposition instanceof Disposition.Requeue r && r.notBefore() == null;
            String where = toTheBack ? "back at the end of the cluster's queue" : "until " + p.until();
            record(run, clusterId, WorkRuns.State.POSTPONED, null, p.code() + ": " + p.reason() + " (" + where + ")", null);
            Log.infof("Cluster %s, item %s postponed (%s): %s", clusterId, work.workItemId(), where, p.reason());
        } else if (outcome instanceof Outcome.Failed f) {
            int attempt = item.delivery().attempt();
            boolean retry = disposition instanceof Disposition.Resend;
            record(run, clusterId, WorkRuns.State.FAILED, null, f.errorClass() + " (attempt " + attempt
                    + (retry ? ", will retry" : ", to the DLQ") + "): " + f.message(),
                    new MaintenanceFailed(work.workItemId(), work.table(), f.errorClass(), f.message(), f.sqlState(), attempt, retry));
            count(clusterId, "failed", f.errorClass());
            Log.warnf("Cluster %s, item %s failed (attempt %d of %d, %s): %s", clusterId, work.workItemId(), attempt,
                    config.maxAttempts(), f.errorClass(), f.message());
        }
        return disposition;
    }

    private boolean record(long run, String clusterId, WorkRuns.State state, List<String> statements, String detail, EventPayload event) {
        boolean recorded = runs.finish(run, clusterId, state, statements, detail, event);
        if (recorded && event != null) {
            relay.drain(); // publish now; an outage leaves the event in the outbox for the relay's timer
        }
        return recorded;
    }

    private void count(String clusterId, String outcome, String code) {
        registry.counter(MaintenanceMetrics.ITEMS, "cluster", clusterId, "outcome", outcome, "code", code).increment();
    }
}
