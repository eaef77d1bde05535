package autopilot.maintenance.work;

import autopilot.events.EventEnvelope;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceRequested;
import autopilot.events.MaintenanceSkipped;
import autopilot.events.MaintenanceSkipped.Code;
import autopilot.maintenance.MaintenanceMetrics;
import autopilot.maintenance.cluster.ClusterReader;
import autopilot.maintenance.cluster.MaintenanceConnections;
import autopilot.maintenance.cluster.RunEffects;
import autopilot.maintenance.config.MaintenanceConfig;
import autopilot.maintenance.plan.Decision;
import autopilot.maintenance.plan.Observation;
import autopilot.maintenance.plan.Recheck;
import autopilot.maintenance.plan.TableState;
import autopilot.maintenance.window.MaintenanceWindow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one work item on its cluster: policy, a fresh autocommit session with the item's statement
 * timeout, the re-check, then the statements one at a time (or, in dry-run, only their text), and
 * each statement verified by Redshift's record of it (a run that did nothing is skipped as
 * NO_EFFECT, never completed), and the table's health read back afterwards. Errors become typed
 * outcomes the queue side acts on.
 */
@ApplicationScoped
public class WorkRunner {

    private final MaintenanceConfig config;
    private final Clusters clusters;
    private final MaintenanceConnections connections;
    private final StatusBoard board;
    private final MeterRegistry registry;
    private final Clock clock;

    WorkRunner(MaintenanceConfig config, Clusters clusters, MaintenanceConnections connections, StatusBoard board,
               MeterRegistry registry, Clock clock) {
        this.config = config;
        this.clusters = clusters;
        this.connections = connections;
        this.board = board;
        this.registry = registry;
        this.clock = clock;
    }

    public Outcome run(String clusterId, EventEnvelope<MaintenanceRequested> event) {
        MaintenanceRequested item = event.payload();
        Optional<String> refusal = clusters.refusal(clusterId, item.table());
        if (refusal.isPresent()) {
            return skipped(item, Code.DENIED_BY_POLICY, refusal.get());
        }
        Instant now = clock.instant();
        MaintenanceWindow window = clusters.window(clusterId);
        Optional<Instant> closes = window.closesAt(now);
        Duration limit = clusters.statementTimeout(clusterId);
        Duration timeout = closes.map(c -> min(limit, Duration.between(now, c))).orElse(limit);
        try (Connection c = connections.open(clusterId, item.table().database(), timeout)) {
            Optional<MaintenanceConnections.Refusal> refused = connections.admit(clusterId, c);
            board.refusing(clusterId, refused.map(MaintenanceConnections.Refusal::reason).orElse(null));
            if (refused.isPresent()) {
                Log.warnf("Cluster %s: %s", clusterId, refused.get().reason());
                return new Outcome.Failed(refused.get().errorClass(), refused.get().reason(), null, false);
            }
            Observation seen = ClusterReader.observe(c, item.table(), config.longTransaction(), now,
                    connections.serverless(clusterId, c));
            Decision decision = Recheck.decide(item, seen, limits(),
                    new Recheck.WindowSituation(closes.orElse(null), window.nextOpening(now), window.duration()), now);
            if (decision instanceof Decision.Skip s) {
                return skipped(item, s.code(), s.reason());
            }
            if (decision instanceof Decision.Postpone p) {
                return new Outcome.Postponed(p.until(), p.code(), p.reason(), p.scope());
            }
            Decision.Run run = (Decision.Run) decision;
            if (clusters.dryRun(clusterId)) {
                return skipped(item, Code.DRY_RUN, "dry run; would execute: " + String.join("; ", run.statements()));
            }
            return execute(clusterId, event, c, seen.table(), run);
        } catch (SQLException e) {
            return failure(item, e);
        } catch (RuntimeException e) {
            Log.warnf(e, "Work item %s on %s could not be run", item.workItemId(), clusterId);
            return new Outcome.Failed("SERVICE", e.getClass().getSimpleName() + ": " + e.getMessage(), null, true);
        }
    }

    private Outcome execute(String clusterId, EventEnvelope<MaintenanceRequested> event, Connection c, TableState before,
                            Decision.Run run) throws SQLException {
        MaintenanceRequested item = event.payload();
        Instant started = clock.instant();
        Timer.builder(MaintenanceMetrics.WAIT).description("time from request to start, waiting for the window included")
                .tag("cluster", clusterId).register(registry).record(Duration.between(event.occurredAt(), started).abs());
        List<String> executed = new ArrayList<>();
        Timestamp since = RunEffects.clusterNow(c);
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement()) {
            for (String sql : run.statements()) {
                board.running(clusterId, item, sql);
                Log.infof("Cluster %s, item %s: %s", clusterId, item.workItemId(), sql);
                st.execute(sql);
                executed.add(sql);
            }
        } catch (SQLException e) {
            if (!executed.isEmpty()) {
                Log.warnf("Cluster %s, item %s: %s done before the failure", clusterId, item.workItemId(), executed);
            }
            throw e;
        } finally {
            board.idle(clusterId);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        Timer.builder(MaintenanceMetrics.DURATION).description("wall time of a work item's statements")
                .tag("cluster", clusterId).register(registry).record(took);
        List<String> noEffect = new ArrayList<>();
        for (String sql : executed) {
            RunEffects.noEffect(c, sql, before.tableId(), since).ifPresent(noEffect::add);
        }
        if (noEffect.size() == executed.size()) {
            return skipped(item, Code.NO_EFFECT, String.join("; ", noEffect));
        }
        if (!noEffect.isEmpty()) {
            Log.warnf("Cluster %s, item %s: part of the run had no effect: %s", clusterId, item.workItemId(), noEffect);
        }
        TableState after = ClusterReader.table(c, item.table());
        return new Outcome.Completed(new MaintenanceCompleted(item.workItemId(), item.table(), executed, took.toMillis(),
                before.health(), after == null ? null : after.health()));
    }

    private Outcome failure(MaintenanceRequested item, SQLException e) {
        String state = e.getSQLState();
        String message = String.valueOf(e.getMessage());
        if ("55006".equals(state) || message.contains("VACUUM is running")) {
            return new Outcome.Postponed(clock.instant().plus(config.postponeDelay()), Code.VACUUM_ALREADY_RUNNING, message,
                    Decision.Scope.CLUSTER);
        }
        if ("42P01".equals(state)) {
            return skipped(item, Code.TABLE_NOT_FOUND, "the table disappeared between the re-check and the run: " + message);
        }
        if ("57014".equals(state)) {
            return new Outcome.Failed("STATEMENT_TIMEOUT", message, state, true);
        }
        if ((state != null && state.startsWith("08")) || causedBy(e, ConnectException.class)) {
            return new Outcome.Failed("CONNECTION", message, state, true);
        }
        if ("42501".equals(state)) {
            return new Outcome.Failed("PERMISSION", message + " (maintenance needs table ownership or superuser)", state, false);
        }
        if (state != null && state.startsWith("28")) {
            return new Outcome.Failed("AUTHENTICATION", message, state, true);
        }
        return new Outcome.Failed("SQL_ERROR", message, state, true);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private Recheck.Limits limits() {
        return new Recheck.Limits(config.analyzeThresholdPercent().orElse(10), config.recentAutomatic(), config.maxQueuedQueries(),
                config.boost(), config.vacuumMegabytesPerSecond(), config.postponeDelay());
    }

    private static Outcome skipped(MaintenanceRequested item, Code code, String reason) {
        return new Outcome.Skipped(new MaintenanceSkipped(item.workItemId(), item.table(), code, reason));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
