package autopilot.sim.model;

import java.util.List;

/**
 * What happens on the cluster besides the query workload: sessions and connections, locks and
 * conflicts, commits, loads and their errors, WLM rule actions, disk, usage. Every relation that
 * shows one of these is derived from this one part of the model.
 */
public record Activity() {

    /** A cluster with none of this activity. */
    public static final Activity NONE = new Activity();

    /**
     * Fills documented defaults and checks references; problems are added with their path.
     *
     * @param users  the scenario's user names
     * @param tables the scenario's tables by reference (as in {@link Scenario.Scan#table()})
     * @param home   the default database
     */
    static Activity normalise(Activity given, java.util.Set<String> users, TableLookup<Scenario.Table> tables, String home,
                              List<String> databases, List<String> problems) {
        return given == null ? NONE : given;
    }
}
