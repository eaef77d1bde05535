package autopilot.analyzer.state;

import autopilot.analyzer.engine.Outcome;
import autopilot.analyzer.engine.PriorState;
import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.TableState;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an analysis reads before it runs and stores after, across the stores of each kind of state; finding
 * transitions, the part ledger and outgoing events are the intake's, in the same transaction (every method works on
 * the caller's connection).
 */
@ApplicationScoped
public class ClusterState {

    private final FindingQuery findings;
    private final WorkloadHours hours;
    private final ClusterTables tables;
    private final ColumnProfiles profiles;
    private final RequestedWork work;
    private final DiskHistory disk;

    ClusterState(FindingQuery findings, WorkloadHours hours, ClusterTables tables, ColumnProfiles profiles, RequestedWork work,
                 DiskHistory disk) {
        this.findings = findings;
        this.hours = hours;
        this.tables = tables;
        this.profiles = profiles;
        this.work = work;
        this.disk = disk;
    }

    /** Queries that ended up to this time are already counted in the cluster's stored workload hours. */
    public Optional<Instant> workloadCountedUpTo(Connection c, String clusterId) throws SQLException {
        return hours.countedUpTo(c, clusterId);
    }

    /**
     * What is known before analysing a snapshot of the cluster whose workload window starts at {@code windowStart}.
     *
     * @param disk         what to load for the disk finding ({@link DiskHistory.Request#NONE} for a snapshot without the disk source)
     * @param countedUpTo  {@link #workloadCountedUpTo} as read, under the cluster's lock, before the snapshot's workload was
     *                     aggregated (not read again: the hours and the prior state must say the same)
     */
    public PriorState prior(Connection c, String clusterId, Instant windowStart, ClusterTables.HistoryRequest history,
                            DiskHistory.Request disk, Instant countedUpTo) throws SQLException {
        return new PriorState(tables.latest(c, clusterId), hours.window(c, clusterId, windowStart), tables.maintenance(c, clusterId),
                findings.open(c, clusterId), work.requestedAt(c, clusterId), countedUpTo,
                tables.history(c, clusterId, history), profiles.latest(c, clusterId),
                disk == DiskHistory.Request.NONE ? OnCall.Past.NONE : new OnCall.Past(this.disk.since(c, clusterId, disk.since()),
                        disk.topTables() > 0 ? tables.growth(c, clusterId, disk.since(), disk.topTables()) : List.of()));
    }

    /**
     * Stores what an analysis changed besides findings and events: the workload hours (and up to when they count
     * queries, when the snapshot carried workload), the tables of a snapshot with table health, column profiles, the
     * work items requested and the disk use per node.
     */
    public void record(Connection c, String clusterId, Outcome outcome, Instant observedAt, Optional<Instant> workloadTo, Instant now)
            throws SQLException {
        if (workloadTo.isPresent()) {
            hours.coverUpTo(c, clusterId, workloadTo.get());
        }
        hours.add(c, clusterId, outcome.workloadHours());
        if (outcome.tables() != null) {
            tables.save(c, clusterId, outcome.tables(), observedAt);
            profiles.forgetTablesOtherThan(c, clusterId, outcome.tables().stream().map(TableState::tableId).toList());
        }
        profiles.save(c, clusterId, outcome.profiles());
        work.record(c, clusterId, outcome.plan().items(), now);
        if (!outcome.disk().isEmpty()) disk.save(c, clusterId, observedAt, outcome.disk());
    }
}
