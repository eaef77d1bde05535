package autopilot.sim.catalog;

import autopilot.sim.model.Activity;
import autopilot.sim.model.Scenario;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What live mode changes in an installed cluster's model when a scenario's incident plays out: a
 * transaction ends and its waiters get their locks, an in-flight query finishes, the disk fills or
 * is freed, a COPY runs again, the rules act on new queries. Each change is written once, here, so
 * every relation that shows it agrees (same query id, transaction and session everywhere).
 */
public final class LiveChanges {

    private LiveChanges() {
    }

    /** The in-flight queries' ids, in the scenario's order (the state writer gave them consecutive ids in it). */
    public static List<Integer> inflightQueryIds(Connection db) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT \"query\" FROM redshift_sim.wlm_query_owner ORDER BY \"query\"");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    /**
     * Ends the open transaction of session {@code pid} (SVV_TRANSACTIONS, STV_LOCKS): its locks are
     * released, and a transaction waiting for one of its tables gets its lock once no other
     * transaction holds one that conflicts. AccessExclusiveLock conflicts with every lock
     * (https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html: it makes reads and writes wait);
     * ShareRowExclusiveLock with itself too, AccessShareLock with nothing else: PostgreSQL's table,
     * Redshift's base, as AWS gives no table of its own.
     */
    public static void endTransaction(Connection db, int pid) throws SQLException {
        List<Integer> released = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM redshift_sim.svv_transactions WHERE pid = ? RETURNING relation")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getObject(1) != null) {
                        released.add(rs.getInt(1));
                    }
                }
            }
        }
        if (released.isEmpty()) {
            return;
        }
        Array tables = db.createArrayOf("integer", released.toArray());
        try (PreparedStatement ps = db.prepareStatement("UPDATE redshift_sim.svv_transactions w SET granted = true "
                + "WHERE NOT w.granted AND w.relation = ANY (?) AND NOT EXISTS (SELECT 1 FROM redshift_sim.svv_transactions h "
                + "WHERE h.granted AND h.relation = w.relation AND h.pid <> w.pid AND (h.lock_mode = 'AccessExclusiveLock' "
                + "OR w.lock_mode = 'AccessExclusiveLock' OR (h.lock_mode = 'ShareRowExclusiveLock' AND w.lock_mode = 'ShareRowExclusiveLock')))")) {
            ps.setArray(1, tables);
            ps.executeUpdate();
        }
    }

    /**
     * Finishes in-flight query {@code queryId} (scenario entry {@code f}) at {@code end}: it leaves
     * STV_INFLIGHT and STV_WLM_QUERY_STATE, which show queries running or queued now
     * (https://docs.aws.amazon.com/redshift/latest/dg/r_STV_INFLIGHT.html, r_STV_WLM_QUERY_STATE.html),
     * and the relations built on them; its STV_RECENTS row turns Done with pid -1, as
     * https://docs.aws.amazon.com/redshift/latest/dg/r_STV_RECENTS.html says of a finished query; its
     * SYS_QUERY_HISTORY row ends with its status, success or canceled (the page's values,
     * https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html; STL_QUERY.aborted 1 for
     * canceled), and it is logged in STL_QUERY, STL_WLM_QUERY and the other query logs under the same
     * query id, transaction and session.
     */
    public static void finishInflight(Connection db, Scenario scenario, int queryId, Scenario.Inflight f, Instant end)
            throws SQLException {
        long xid;
        int pid;
        Instant start;
        try (PreparedStatement ps = db.prepareStatement("SELECT transaction_id, session_id, start_time FROM redshift_sim.sys_query_history "
                + "WHERE query_id = ? AND \"end_time\" IS NULL")) {
            ps.setInt(1, queryId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                xid = rs.getLong(1);
                pid = rs.getInt(2);
                start = rs.getTimestamp(3).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
            }
        }
        long total = Duration.between(start, end).toMillis();
        for (String relation : List.of("stv_inflight", "stv_wlm_query_state", "wlm_query_owner")) {
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM redshift_sim." + Identifiers.quote(relation) + " WHERE \"query\" = ?")) {
                ps.setInt(1, queryId);
                ps.executeUpdate();
            }
        }
        // A session runs one query at a time: its running STV_RECENTS row is this query's.
        try (PreparedStatement recents = db.prepareStatement("UPDATE redshift_sim.stv_recents SET \"status\" = 'Done', pid = -1, duration = ? "
                + "WHERE pid = ? AND \"status\" = 'Running'");
             PreparedStatement history = db.prepareStatement("DELETE FROM redshift_sim.sys_query_history WHERE query_id = ?")) {
            StateWriter.set(recents, (int) Math.min(Integer.MAX_VALUE, total * 1000), pid);
            recents.executeUpdate();
            history.setInt(1, queryId);
            history.executeUpdate();
        }
        // A queued query waited in its queue for as long as the scenario said, then ran the rest of the time.
        long queued = f.running() ? 0 : Math.min(total, f.ago().toMillis());
        Scenario.Query finished = new Scenario.Query(f.text(), f.user(), Duration.ofMillis(total), f.serviceClass(), queued, total - queued,
                0, f.endsCanceled(), List.of(), List.of(), List.of(), List.of(), f.database(), f.label(), List.of(), 1);
        ActivityContext c = ActivityContext.installed(db, scenario, end);
        WorkloadWriter writer = new WorkloadWriter(db, scenario, c.tableIds(), c.userIds(), end);
        writer.write(queryId, finished, xid, pid);
        writer.finish();
    }

    /** The disk's extra used share (STV_PARTITIONS, STV_NODE_STORAGE_CAPACITY), as a percentage of capacity. */
    public static void setDiskExtraUsedPct(Connection db, double pct) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE redshift_sim.disk SET extra_used_pct = ?")) {
            ps.setDouble(1, pct);
            ps.executeUpdate();
        }
    }

    /**
     * Runs a scenario COPY again, ending at {@code end}: logged as a query with the next free id, with
     * its files, errors, load history and commit, as at install; {@code failing} keeps the load's
     * rejected lines, otherwise every line loads.
     */
    public static void rerunLoad(Connection db, Scenario scenario, Activity.Load load, boolean failing, Instant end) throws SQLException {
        ActivityContext c = ActivityContext.installed(db, scenario, end);
        Activity.Load run = load.rerun(failing ? load.errors() : List.of());
        new LoadWriter(c, List.of(run), List.of()).writeAll(c.nextQueryId());
    }

    /** The query id the next logged query takes. */
    public static int nextQueryId(Connection db, Scenario scenario, Instant now) throws SQLException {
        return ActivityContext.installed(db, scenario, now).nextQueryId();
    }

    /** The scenario's query monitoring rules acting on the queries logged from id {@code fromQuery} on (STL_WLM_RULE_ACTION). */
    public static void applyRules(Connection db, Scenario scenario, int fromQuery, Instant now) throws SQLException {
        new WlmActivityWriter(ActivityContext.installed(db, scenario, now)).applyRules(fromQuery);
    }
}
