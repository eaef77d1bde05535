package autopilot.analyzer.engine;

import autopilot.analyzer.model.ColumnProfile;
import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.TableHistory;
import autopilot.analyzer.model.TableMaintenance;
import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.events.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the analyzer already knows about a cluster before a snapshot: the latest tables, the
 * workload hours of the window, the maintenance times of tables, the open findings and the work
 * already requested. Empty for a what-if analysis.
 *
 * @param maintenance table id -> when maintenance last ran on it, as stored from earlier snapshots
 * @param requested   deduplication id -> when that work was last requested
 * @param workloadCountedUpTo queries that ended up to this time are already in the stored hours (null: none)
 * @param history     table id -> its recent observations (loaded only for snapshots with table health)
 * @param profiles    the latest column profile known per table id and column
 * @param onCallPast  what earlier snapshots showed for the disk finding (loaded only for snapshots with the disk source)
 * @param usage       the stored usage hours (null: none, or not loaded)
 */
public record PriorState(List<TableState> tables, Map<Instant, Workload> workloadHours, Map<Long, TableMaintenance> maintenance,
                         Map<String, Finding> open, Map<String, Instant> requested, Instant workloadCountedUpTo,
                         Map<Long, TableHistory> history, Map<Long, Map<String, ColumnProfile>> profiles,
                         OnCall.Past onCallPast, autopilot.analyzer.model.UsageSeries usage) {

    /** Prior state without usage hours. */
    public PriorState(List<TableState> tables, Map<Instant, Workload> workloadHours, Map<Long, TableMaintenance> maintenance,
                      Map<String, Finding> open, Map<String, Instant> requested, Instant workloadCountedUpTo,
                      Map<Long, TableHistory> history, Map<Long, Map<String, ColumnProfile>> profiles, OnCall.Past onCallPast) {
        this(tables, workloadHours, maintenance, open, requested, workloadCountedUpTo, history, profiles, onCallPast, null);
    }

    /** The same state with the stored usage hours (loaded only for snapshots with a usage source). */
    public PriorState withUsage(autopilot.analyzer.model.UsageSeries stored) {
        return new PriorState(tables, workloadHours, maintenance, open, requested, workloadCountedUpTo, history, profiles, onCallPast, stored);
    }

    /** Prior state without disk history. */
    public PriorState(List<TableState> tables, Map<Instant, Workload> workloadHours, Map<Long, TableMaintenance> maintenance,
                      Map<String, Finding> open, Map<String, Instant> requested, Instant workloadCountedUpTo,
                      Map<Long, TableHistory> history, Map<Long, Map<String, ColumnProfile>> profiles) {
        this(tables, workloadHours, maintenance, open, requested, workloadCountedUpTo, history, profiles, OnCall.Past.NONE);
    }

    /** Prior state without column profiles. */
    public PriorState(List<TableState> tables, Map<Instant, Workload> workloadHours, Map<Long, TableMaintenance> maintenance,
                      Map<String, Finding> open, Map<String, Instant> requested, Instant workloadCountedUpTo,
                      Map<Long, TableHistory> history) {
        this(tables, workloadHours, maintenance, open, requested, workloadCountedUpTo, history, Map.of());
    }

    /** Prior state without table history or column profiles. */
    public PriorState(List<TableState> tables, Map<Instant, Workload> workloadHours, Map<Long, TableMaintenance> maintenance,
                      Map<String, Finding> open, Map<String, Instant> requested, Instant workloadCountedUpTo) {
        this(tables, workloadHours, maintenance, open, requested, workloadCountedUpTo, Map.of());
    }

    public static PriorState empty() {
        return new PriorState(List.of(), Map.of(), Map.of(), Map.of(), Map.of(), null);
    }
}
