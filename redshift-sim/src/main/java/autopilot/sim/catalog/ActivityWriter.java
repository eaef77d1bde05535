package autopilot.sim.catalog;

import autopilot.sim.model.Activity;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.TableLookup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        Activity activity = scenario.activity();
        TableLookup<Scenario.Table> tables = new TableLookup<>();
        scenario.tables().forEach(t -> tables.add(scenario.databaseOf(t.database()), t.schema(), t.name(), t));
        ActivityContext context = new ActivityContext(db, scenario, tableIds, tables, userIds, now);

        // The COPY and UNLOAD statements are queries like the workload's: same writer, same relations.
        LoadWriter loads = new LoadWriter(context);
        List<Scenario.Query> statements = new ArrayList<>(loads.statements());
        int next = firstQueryId;
        if (!statements.isEmpty()) {
            WorkloadWriter workload = new WorkloadWriter(db, scenario, tableIds, userIds, now);
            next = workload.write(firstQueryId, statements);
            workload.finish();
        }
        loads.write(firstQueryId, logged(firstQueryId, next));
        new SessionWriter(context).write();
        new WlmActivityWriter(context).write();
        new ClusterUsageWriter(context).write();
        return next;
    }

    /** How the workload writer logged the statements: their transaction and session ids by query id. */
    private Map<Integer, long[]> logged(int from, int to) throws SQLException {
        Map<Integer, long[]> ids = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT \"query\", xid, pid FROM redshift_sim.stl_query WHERE \"query\" >= ? AND \"query\" < ?")) {
            ps.setInt(1, from);
            ps.setInt(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getInt(1), new long[] {rs.getLong(2), rs.getInt(3)});
                }
            }
        }
        return ids;
    }
}
