package autopilot.analyzer.engine;

import autopilot.analyzer.lifecycle.Transition;
import autopilot.analyzer.model.ColumnProfile;
import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.analyzer.work.WorkPlanner;
import autopilot.events.ClusterHealthReported;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one analysis concluded and what it changes in state.
 *
 * @param tables        the tables of this snapshot, with maintenance times (null when it had no table health)
 * @param workloadHours this snapshot's workload per hour, to add to the stored hours
 * @param profiles      the column profiles this snapshot brought, to keep as the latest known
 * @param disk          the disk use per node this snapshot showed, to keep for the disk forecast (empty without the source)
 * @param usage         the usage hours this snapshot read, to store over the earlier ones (null without a usage source)
 */
public record Outcome(List<Transition> transitions, WorkPlanner.Plan plan, ClusterHealthReported health,
                      List<TableState> tables, Map<Instant, Workload> workloadHours, List<ColumnProfile> profiles,
                      List<OnCall.NodeDisk> disk, autopilot.analyzer.model.UsageSeries usage) {

    public Outcome(List<Transition> transitions, WorkPlanner.Plan plan, ClusterHealthReported health,
                   List<TableState> tables, Map<Instant, Workload> workloadHours, List<ColumnProfile> profiles,
                   List<OnCall.NodeDisk> disk) {
        this(transitions, plan, health, tables, workloadHours, profiles, disk, null);
    }
}
