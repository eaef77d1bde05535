package autopilot.analyzer.intake;

import autopilot.analyzer.AnalyzerMetrics;
import autopilot.analyzer.config.AnalysisSettings;
import autopilot.analyzer.console.ConsoleLinks;
import autopilot.analyzer.engine.Outcome;
import autopilot.analyzer.engine.Pipeline;
import autopilot.analyzer.engine.PriorState;
import autopilot.analyzer.lifecycle.Transition;
import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Tables;
import autopilot.analyzer.publish.OutgoingEvents;
import autopilot.analyzer.rules.DiskSpaceRule;
import autopilot.analyzer.rules.Thresholds;
import autopilot.analyzer.engine.SnapshotParts;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.state.ClusterState;
import autopilot.analyzer.state.ClusterTables;
import autopilot.analyzer.state.DiskHistory;
import autopilot.analyzer.state.FindingQuery;
import autopilot.analyzer.state.FindingStore;
import autopilot.analyzer.state.PartLedger;
import autopilot.analyzer.state.UsageHours;
import autopilot.analyzer.model.UsageSeries;
import autopilot.events.ClusterDropped;
import autopilot.events.CollectionGapDetected;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.EventPayload;
import autopilot.events.Finding;
import autopilot.events.FindingRaised;
import autopilot.events.FindingResolved;
import autopilot.events.FindingUpdated;
import autopilot.events.MaintenanceRequested;
import autopilot.events.SnapshotPartCollected;
import autopilot.runtime.outbox.OutboxRelay;
import autopilot.runtime.state.StateStoreException;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Receives snapshot parts and collection gaps from the collector. Each part is stored once by its
 * natural key (cluster, snapshot, source, part number) with its JSON; when the last part of a
 * snapshot is in, the snapshot is analysed once, under a per-cluster lock, and the findings,
 * workload hours, work items and outgoing events are written in one transaction. A re-delivered
 * part (before or after a restart) changes nothing; a part whose analysis failed comes back and
 * retries it.
 */
@ApplicationScoped
public class SnapshotIntake {

    private final AgroalDataSource state;
    private final MeterRegistry registry;
    private final Clock clock;
    private final EventCodec codec;
    private final PartLedger ledger;
    private final ClusterState cluster;
    private final FindingQuery findings;
    private final FindingStore findingStore;
    private final OutgoingEvents outbox;
    private final OutboxRelay relay;
    private final AnalysisSettings settings;
    private final Thresholds thresholds;
    private final FindingMetrics metrics;
    private final UsageHours usageHours;
    private final ConsoleLinks links;

    SnapshotIntake(AgroalDataSource state, MeterRegistry registry, Clock clock, EventCodec codec, PartLedger ledger,
                   ClusterState cluster, FindingQuery findings, FindingStore findingStore, OutgoingEvents outbox, OutboxRelay relay,
                   AnalysisSettings settings, Thresholds thresholds, FindingMetrics metrics, UsageHours usageHours,
                   ConsoleLinks links) {
        this.usageHours = usageHours;
        this.state = state;
        this.registry = registry;
        this.clock = clock;
        this.codec = codec;
        this.ledger = ledger;
        this.cluster = cluster;
        this.findings = findings;
        this.findingStore = findingStore;
        this.outbox = outbox;
        this.relay = relay;
        this.settings = settings;
        this.thresholds = thresholds;
        this.metrics = metrics;
        this.links = links;
    }

    /** @return true when the event was new, false for a re-delivered part */
    public boolean accept(EventEnvelope<?> event, String body) {
        try {
            boolean fresh;
            if (event.payload() instanceof SnapshotPartCollected part) {
                fresh = part(event.clusterId(), part, body);
            } else if (event.payload() instanceof CollectionGapDetected gap) {
                gap(event.clusterId(), gap);
                fresh = true;
            } else if (event.payload() instanceof ClusterDropped dropped) {
                fresh = dropped(event.clusterId(), dropped) > 0;
            } else {
                Log.warnf("Unexpected %s on the snapshots queue; ignored", event.eventType());
                return false;
            }
            relay.drainSoon();
            return fresh;
        } catch (SQLException e) {
            // Thrown on: the message is nacked and comes back once the state store answers again.
            throw new StateStoreException("applying " + event.eventType() + " of cluster " + event.clusterId(), e);
        }
    }

    private boolean part(String clusterId, SnapshotPartCollected part, String body) throws SQLException {
        try (Connection c = state.getConnection()) {
            c.setAutoCommit(false);
            boolean fresh = ledger.recordPart(c, clusterId, part, body, clock.instant());
            c.commit();
            registry.counter(AnalyzerMetrics.PARTS, "source", part.source(), "outcome", fresh ? "new" : "duplicate").increment();
            Log.debugf("Snapshot part %s/%s/%s %d of %d (%d rows)%s", clusterId, part.snapshotId(), part.source(),
                    part.partNumber(), part.partCount(), part.rows().size(), fresh ? "" : " re-delivered");
            if (!ledger.complete(c, clusterId, part.snapshotId())) {
                c.commit();
                return fresh;
            }
            ledger.lockCluster(c, clusterId);
            if (ledger.analyzed(c, clusterId, part.snapshotId())) {
                c.commit();
                return fresh;
            }
            analyse(c, clusterId, part.snapshotId());
            c.commit();
            return fresh;
        }
    }

    /**
     * The disk history a snapshot with the disk source needs: the forecast's points always, the tables that grew most only
     * when the fullest node is past the warning (a forecast alone, under it, names no tables: the growth query reads a
     * day of every table's history).
     */
    static DiskHistory.Request diskRequest(SnapshotData snapshot, Thresholds thresholds) {
        if (!snapshot.has(SnapshotData.DISK)) return DiskHistory.Request.NONE;
        Double max = DiskSpaceRule.maxUsedPct(OnCall.of(snapshot));
        boolean finding = max != null && max >= thresholds.disk().warnPct();
        return new DiskHistory.Request(snapshot.collectedAt().minus(thresholds.disk().forecastLookback()),
                finding ? thresholds.disk().topTables() : 0);
    }

    /** Forecasts need history only for tables on their way to a threshold; a cap keeps big clusters' loads bounded. */
    static final int MAX_FORECAST_TABLES = 2_000;

    /**
     * The tables whose history a forecast may use: those with some unsorted share or stale statistics still under the
     * threshold (above it, the table's finding is already open), the closest to a threshold first, at most
     * {@link #MAX_FORECAST_TABLES}. Loading every table's week of hourly points would read millions of rows per snapshot
     * on a cluster of 10,000 tables, for tables with nothing to forecast.
     */
    static List<Long> forecastCandidates(List<TableState> tables, Thresholds thresholds) {
        record Candidate(long tableId, double closeness) { }
        List<Candidate> candidates = new ArrayList<>();
        for (TableState t : tables) {
            double u = approach(t.unsortedPct(), thresholds.unsorted().pct());
            double s = approach(t.statsOffPct(), thresholds.statsOff().pct());
            if (u > 0 || s > 0) {
                candidates.add(new Candidate(t.tableId(), Math.max(u, s)));
            }
        }
        return candidates.stream().sorted(java.util.Comparator.comparingDouble(Candidate::closeness).reversed())
                .limit(MAX_FORECAST_TABLES).map(Candidate::tableId).toList();
    }

    /** How far a metric has come towards its threshold (0-1), or 0 when it is zero, unknown or already over it. */
    private static double approach(Double value, double threshold) {
        return value == null || value <= 0 || value >= threshold ? 0 : value / threshold;
    }

    private void analyse(Connection c, String clusterId, UUID snapshotId) throws SQLException {
        long started = System.nanoTime();
        // Decoded and checked against their schema when they arrived: read for their values only, the workload's
        // straight into its hours (under the cluster's lock, so the prior state read below counts up to the same time).
        Instant countedUpTo = cluster.workloadCountedUpTo(c, clusterId).orElse(null);
        SnapshotParts read = SnapshotParts.read(clusterId, ledger.partBodies(c, clusterId, snapshotId), codec.mapper(), countedUpTo);
        SnapshotData snapshot = read.snapshot();
        Instant asOf = snapshot.workloadTo().orElse(snapshot.collectedAt());
        ClusterTables.HistoryRequest history = snapshot.hasTableHealth()
                ? new ClusterTables.HistoryRequest(asOf.minus(thresholds.forecast().lookback()), forecastCandidates(Tables.of(snapshot), thresholds))
                : ClusterTables.HistoryRequest.NONE;
        PriorState prior = cluster.prior(c, clusterId, asOf.minus(thresholds.workloadWindow()), history, diskRequest(snapshot, thresholds),
                countedUpTo);
        if (UsageSeries.in(snapshot)) {
            // The trend's days and today: the stored hours from the first of them on.
            Instant since = snapshot.collectedAt().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                    .minus(Duration.ofDays(thresholds.usage().trendDays()));
            prior = prior.withUsage(usageHours.since(c, clusterId, since));
        }
        Instant now = clock.instant();
        Outcome outcome = new Pipeline(thresholds, settings.denied(clusterId), settings.usageCost(clusterId)).run(snapshot,
                read.workload(), prior, now, Pipeline.Steps.NONE);
        int events = 0;
        for (Transition t : outcome.transitions()) {
            findingStore.apply(c, clusterId, t, now);
            EventPayload payload = event(t, now);
            if (payload != null) {
                outbox.recommendation(c, clusterId, payload);
                events++;
            }
        }
        cluster.record(c, clusterId, outcome, snapshot.collectedAt(), snapshot.workloadTo(), now);
        usageHours.save(c, clusterId, outcome.usage());
        ledger.markAnalyzed(c, clusterId, snapshotId, openFindings(outcome), outcome.plan().items().size(), now);
        for (MaintenanceRequested item : outcome.plan().items()) {
            outbox.workItem(c, clusterId, item);
        }
        outbox.recommendation(c, clusterId, outcome.health());
        registry.counter(AnalyzerMetrics.SNAPSHOTS, "cluster", clusterId).increment();
        registry.counter(AnalyzerMetrics.WORK_ITEMS_REQUESTED, "cluster", clusterId).increment(outcome.plan().items().size());
        registry.timer(AnalyzerMetrics.ANALYSIS, "cluster", clusterId).record(Duration.ofNanos(System.nanoTime() - started));
        metrics.refresh(clusterId, findings.open(c, clusterId).values());
        outcome.plan().skipped().forEach(s -> Log.debugf("No work item for %s: %s", s.table(), s.reason()));
        Log.infof("Analysed snapshot %s of %s (%s): %d finding events, %d work items, %d open findings, %d ms", snapshotId,
                clusterId, String.join("+", snapshot.sources()), events,
                outcome.plan().items().size(), openFindings(outcome),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void gap(String clusterId, CollectionGapDetected gap) throws SQLException {
        try (Connection c = state.getConnection()) {
            c.setAutoCommit(false);
            ledger.lockCluster(c, clusterId);
            Instant now = clock.instant();
            Transition t = Pipeline.gap(clusterId, gap, findings.open(c, clusterId), now, null);
            findingStore.apply(c, clusterId, t, now);
            EventPayload payload = event(t, now);
            if (payload != null) outbox.recommendation(c, clusterId, payload);
            c.commit();
            metrics.refresh(clusterId, findings.open(c, clusterId).values());
            Log.warnf("Collection gap on %s/%s from %s to %s", clusterId, gap.source(), gap.from(), gap.to());
        }
    }

    /**
     * A cluster no longer monitored (deleted, or untagged): every open finding resolves with that
     * reason, so subscribers and on-call hear it ends rather than see it go quiet. Idempotent: a
     * repeat finds nothing open.
     *
     * @return how many findings resolved
     */
    private int dropped(String clusterId, ClusterDropped dropped) throws SQLException {
        try (Connection c = state.getConnection()) {
            c.setAutoCommit(false);
            ledger.lockCluster(c, clusterId);
            Instant now = clock.instant();
            int resolved = 0;
            for (Finding f : findings.open(c, clusterId).values()) {
                Transition t = new Transition.Resolved(f, "cluster " + clusterId + " is no longer monitored: " + dropped.reason());
                findingStore.apply(c, clusterId, t, now);
                outbox.recommendation(c, clusterId, event(t, now));
                resolved++;
            }
            c.commit();
            metrics.refresh(clusterId, findings.open(c, clusterId).values());
            Log.infof("Cluster %s dropped (%s): %d open finding(s) resolved", clusterId, dropped.reason(), resolved);
            return resolved;
        }
    }

    /** Findings open after the analysis, all severities. */
    private static int openFindings(Outcome outcome) {
        return outcome.health().openFindings().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The event a transition announces, its finding linked to its console page when the console has an address; none for a silent refresh. */
    private EventPayload event(Transition t, Instant now) {
        if (t instanceof Transition.Refreshed) return null;
        Finding f = t.finding().withLink(links.absoluteFinding(t.finding().fingerprint()));
        if (t instanceof Transition.Raised) return new FindingRaised(f);
        if (t instanceof Transition.Updated u) return new FindingUpdated(f, u.previousSeverity());
        if (t instanceof Transition.Resolved r) return new FindingResolved(f, now, r.reason());
        return null;
    }
}
