package autopilot.sim.catalog;

import autopilot.sim.model.Activity;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.TableLookup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the activity writers share: the connection, the scenario and its ids, load time, and small helpers. */
record ActivityContext(Connection db, Scenario scenario, TableLookup<Long> tableIds, TableLookup<Scenario.Table> tables,
                       Map<String, Integer> userIds, Instant now) {

    /**
     * The context of a cluster installed earlier (live mode): table and user ids read back from the
     * catalog (user tables' ids are their oids, users' their roles' oids), the tables from the scenario.
     */
    static ActivityContext installed(Connection db, Scenario scenario, Instant now) throws SQLException {
        TableLookup<Long> tableIds = new TableLookup<>();
        Map<String, Integer> userIds = new HashMap<>();
        try (Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT \"database\", \"schema\", table_name, table_id FROM redshift_sim.table_meta ORDER BY table_id")) {
                while (rs.next()) {
                    tableIds.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT rolname, oid FROM pg_roles")) {
                while (rs.next()) {
                    userIds.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        TableLookup<Scenario.Table> tables = new TableLookup<>();
        scenario.tables().forEach(t -> tables.add(scenario.databaseOf(t.database()), t.schema(), t.name(), t));
        return new ActivityContext(db, scenario, tableIds, tables, userIds, now);
    }

    /**
     * The query id after every one the cluster has shown: logged queries (STL_QUERY), statements
     * only SYS_QUERY_HISTORY has (DDL, utility) and the in-flight ones, which are there too.
     */
    int nextQueryId() throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT greatest((SELECT max(\"query\") FROM redshift_sim.stl_query), "
                     + "(SELECT max(query_id) FROM redshift_sim.sys_query_history), 999) + 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    Activity activity() {
        return scenario.activity();
    }

    int userId(String user) {
        return userIds.getOrDefault(user, 100);
    }

    Scenario.Table table(String reference) {
        return tables.find(reference, scenario.database());
    }

    int tableId(String reference) {
        return tableIds.find(reference, scenario.database()).intValue();
    }

    String databaseOf(Scenario.Table table) {
        return scenario.databaseOf(table.database());
    }

    /** Fresh transaction ids from the cluster's sequence (the one VACUUM and ANALYZE draw from), in order. */
    long[] xids(int count) throws SQLException {
        long[] xids = new long[count];
        if (count == 0) {
            return xids;
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT nextval('redshift_sim.xid_seq') FROM generate_series(1, ?)")) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    xids[i] = rs.getLong(1);
                }
            }
        }
        return xids;
    }

    /** A queue of the scenario, or a failure naming where the activity refers to it. */
    Scenario.Queue queue(int serviceClass, String at) {
        return scenario.queues().stream().filter(q -> q.serviceClass() == serviceClass).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(at + ": " + serviceClass + " is not a queue of scenario "
                        + scenario.name() + " " + scenario.queues().stream().map(Scenario.Queue::serviceClass).toList()));
    }

    /** Blocks of user tables on each node (STV_TBL_PERM over STV_SLICES), node 0 first. */
    long[] blocksPerNode() throws SQLException {
        long[] blocks = new long[scenario.cluster().nodes()];
        try (ResultSet rs = db.createStatement().executeQuery("SELECT s.node, sum(p.block_count) FROM redshift_sim.stv_tbl_perm p "
                + "JOIN redshift_sim.stv_slices s ON s.slice = p.slice GROUP BY s.node")) {
            while (rs.next()) {
                blocks[rs.getInt(1)] = rs.getLong(2);
            }
        }
        return blocks;
    }

    /**
     * Where a compute node's STL_COMMIT_STATS row starts its queue: 2000-01-01 00:00, Redshift's
     * epoch. The sample of https://docs.aws.amazon.com/redshift/latest/dg/r_STL_COMMIT_STATS.html
     * shows the leader's row (node -1) with a real queue time and each compute node's with
     * 444,950,725,641 ms of it (startqueue at that epoch): only the leader queues commits.
     */
    static final Instant COMPUTE_NODE_STARTQUEUE = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * STL_COMMIT_STATS for one commit: a row per compute node and the leader's (node -1). It waits
     * {@code queueMillis} in the commit queue (the leader's startqueue; the compute nodes' is
     * {@link #COMPUTE_NODE_STARTQUEUE}), then flushes (half the commit), stages and commits locally
     * (a fifth each) and finishes globally.
     */
    void commit(PreparedStatement ps, long xid, Instant queued, long queueMillis, long commitMillis, long newBlocks, long queueLength,
                long[] permBlocks) throws SQLException {
        Instant work = queued.plusMillis(queueMillis);
        Instant flushed = work.plusMillis(commitMillis / 2);
        Instant staged = flushed.plusMillis(commitMillis / 5);
        Instant local = staged.plusMillis(commitMillis / 5);
        Instant end = work.plusMillis(commitMillis);
        int nodes = scenario.cluster().nodes();
        for (int node = -1; node < nodes; node++) {
            long added = node < 0 ? 0 : newBlocks / nodes + (node < newBlocks % nodes ? 1 : 0);
            set(ps, xid, node, utc(node < 0 ? queued : COMPUTE_NODE_STARTQUEUE), utc(work), utc(flushed), utc(staged), utc(local), utc(local), utc(end), queueLength,
                    node < 0 ? 0 : permBlocks[node], added, added, added, 1, xid, 0, 0, 0, 0, 0);
            ps.addBatch();
        }
    }

    static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    static Timestamp utc(Instant instant) {
        return ClusterWriter.utc(instant);
    }

    static void set(PreparedStatement ps, Object... values) throws SQLException {
        StateWriter.set(ps, values);
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
