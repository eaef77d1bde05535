package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.TableLookup;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * Writes the scenario's {@link Activity} (sessions, connections, locks, commits, loads, rule actions,
 * disk, usage) into the model's relations. It runs after the workload and the state, so what it
 * derives from them (rule actions, concurrency scaling, Serverless usage) sees every query.
 */
final class ActivityWriter {

    private final Connection db;
    private final Scenario scenario;
    private final TableLookup<Long> tableIds;
    private final Map<String, Integer> userIds;
    /** Not needed yet: every activity relation names databases by name. */
    private final Map<String, Integer> databaseIds;
    private final Instant now;

    ActivityWriter(Connection db, Scenario scenario, TableLookup<Long> tableIds, Map<String, Integer> userIds,
                   Map<String, Integer> databaseIds, Instant now) {
        this.db = db;
        this.scenario = scenario;
        this.tableIds = tableIds;
        this.userIds = userIds;
        this.databaseIds = databaseIds;
        this.now = now;
    }

    /**
     * Writes everything; statements of its own (a load's COPY) take query ids from {@code firstQueryId}
     * on. Returns the next free query id.
     */
    int write(int firstQueryId) throws SQLException {
        TableLookup<Scenario.Table> tables = new TableLookup<>();
        scenario.tables().forEach(t -> tables.add(scenario.databaseOf(t.database()), t.schema(), t.name(), t));
        ActivityContext context = new ActivityContext(db, scenario, tableIds, tables, userIds, now);

        // The COPY and UNLOAD statements are queries like the workload's: same writer, same relations.
        int next = new LoadWriter(context).writeAll(firstQueryId);
        new SessionWriter(context).write();
        new WlmActivityWriter(context).write();
        new ClusterUsageWriter(context).write();
        return next;
    }
}
