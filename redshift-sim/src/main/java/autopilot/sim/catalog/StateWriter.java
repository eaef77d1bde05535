package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.StatementKind;
import autopilot.sim.model.TableLookup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what is happening now (running and queued queries, open transactions), Redshift's own
 * recommendations and the history of past VACUUM/ANALYZE runs.
 */
final class StateWriter {

    private final Connection db;
    private final Scenario scenario;
    private final TableLookup<Long> tableIds;
    private final TableLookup<Scenario.Table> tables = new TableLookup<>();
    private final Map<String, Integer> userIds;
    private final Instant now;

    StateWriter(Connection db, Scenario scenario, TableLookup<Long> tableIds, Map<String, Integer> userIds, Instant now) {
        this.db = db;
        this.scenario = scenario;
        this.tableIds = tableIds;
        this.userIds = userIds;
        this.now = now;
        scenario.tables().forEach(t -> tables.add(scenario.databaseOf(t.database()), t.schema(), t.name(), t));
    }

    /**
     * Writes the cluster's state now; returns the next free query id after the in-flight queries'
     * and the open transactions' last statements'.
     */
    int write(int firstQueryId) throws SQLException {
        writeInflight(firstQueryId);
        int next = writeTransactions(firstQueryId + scenario.inflight().size());
        writeAdvisor();
        writeHistory();
        return next;
    }

    /**
     * Running and queued queries: STV_INFLIGHT (running ones, a row per slice), STV_WLM_QUERY_STATE,
     * STV_RECENTS, and SYS_QUERY_HISTORY, which lists them with status running or queued, no end
     * time and the time elapsed so far (https://docs.aws.amazon.com/redshift/latest/dg/SYS_QUERY_HISTORY.html).
     */
    private void writeInflight(int firstQueryId) throws SQLException {
        try (PreparedStatement inflight = db.prepareStatement("INSERT INTO redshift_sim.stv_inflight VALUES (?,?,?,?,?,?,?,?,0,0,0)");
             PreparedStatement state = db.prepareStatement("INSERT INTO redshift_sim.stv_wlm_query_state VALUES (?,?,?,?,1,?,?,?,?,'normal',?)");
             PreparedStatement recents = db.prepareStatement("INSERT INTO redshift_sim.stv_recents VALUES (?,'Running',?,?,?,?,?,?)");
             PreparedStatement history = db.prepareStatement("INSERT INTO redshift_sim.sys_query_history (user_id, query_id, "
                     + "query_label, transaction_id, session_id, database_name, query_type, \"status\", result_cache_hit, start_time, "
                     + "\"end_time\", elapsed_time, queue_time, execution_time, returned_rows, returned_bytes, query_text, "
                     + "redshift_version, compile_time, service_class_id, service_class_name) "
                     + "VALUES (?,?,?,?,?,?,?,?,false,?,NULL,?,?,?,0,0,?,'1.0.sim',0,?,?)")) {
            int id = firstQueryId;
            for (Scenario.Inflight f : scenario.inflight()) {
                int user = userIds.getOrDefault(f.user(), 100);
                long xid = 900_000L + id;
                int pid = f.pid() != null ? f.pid() : 20_000 + id % 1000;
                Instant start = now.minus(f.ago());
                long micros = f.ago().toNanos() / 1000;
                boolean running = f.running();
                if (running) {
                    for (int slice = 0; slice < scenario.cluster().slices(); slice++) {
                        set(inflight, user, slice, id, inflightLabel(f.label()), xid, pid, ClusterWriter.utc(start), truncate(f.text(), 100));
                        inflight.addBatch();
                    }
                }
                set(state, (int) xid, id, id, f.serviceClass(), ClusterWriter.utc(start), running ? "Running" : "Queued",
                        running ? 0L : micros, running ? micros : 0L, user);
                state.addBatch();
                set(recents, user, ClusterWriter.utc(start), (int) Math.min(Integer.MAX_VALUE, micros), f.user(),
                        scenario.databaseOf(f.database()), truncate(f.text(), 600), pid);
                recents.addBatch();
                set(history, user, id, f.label(), xid, pid, scenario.databaseOf(f.database()), StatementKind.queryType(f.text()),
                        running ? "running" : "queued", ClusterWriter.utc(start), micros, running ? 0L : micros, running ? micros : 0L,
                        truncate(f.text(), 4000), f.serviceClass(), queueName(f.serviceClass()));
                history.addBatch();
                id++;
            }
            inflight.executeBatch();
            state.executeBatch();
            recents.executeBatch();
            history.executeBatch();
        }
    }

    /**
     * STV_INFLIGHT's label: the query_group label cut to 15 characters, blank without one
     * (https://docs.aws.amazon.com/redshift/latest/dg/r_query_group.html, r_STV_INFLIGHT.html).
     */
    static String inflightLabel(String label) {
        return label == null ? "" : truncate(label, 15);
    }

    private String queueName(int serviceClass) {
        return scenario.queues().stream().filter(q -> q.serviceClass() == serviceClass).map(Scenario.Queue::name).findFirst()
                .orElse("Default queue");
    }

    /**
     * SVV_TRANSACTIONS: entries of the same pid are one transaction (xid, start: its earliest entry).
     * As on Redshift, each open transaction holds the ExclusiveLock on its own transaction id, and one
     * row per table lock it holds or waits for ({@code granted} false); STV_LOCKS is a view of these.
     * A transaction's last {@code statement} is logged in its session and transaction (SYS_QUERY_HISTORY
     * by session_id and transaction_id, STL_QUERY too when it is a query) with ids from
     * {@code firstQueryId}; returns the next free one.
     */
    private int writeTransactions(int firstQueryId) throws SQLException {
        Map<Integer, List<Scenario.Transaction>> byPid = new LinkedHashMap<>();
        for (int n = 0; n < scenario.transactions().size(); n++) {
            Scenario.Transaction t = scenario.transactions().get(n);
            byPid.computeIfAbsent(t.pid() == null ? 30_000 + n : t.pid(), pid -> new ArrayList<>()).add(t);
        }
        List<LastStatement> statements = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO redshift_sim.svv_transactions VALUES (?,?,?,?,?,?,?,?,?)")) {
            long xid = 800_000;
            for (Map.Entry<Integer, List<Scenario.Transaction>> transaction : byPid.entrySet()) {
                List<Scenario.Transaction> locks = transaction.getValue();
                Scenario.Transaction first = locks.get(0);
                Duration age = locks.stream().map(Scenario.Transaction::ago).max(Duration::compareTo).orElseThrow();
                Instant start = now.minus(age);
                // The transaction runs in the database of the first table it locks.
                String database = locks.stream().filter(t -> t.table() != null).findFirst()
                        .map(t -> databaseOf(t.table())).orElse(scenario.database());
                set(ps, first.user(), database, xid, transaction.getKey(), ClusterWriter.utc(start), "ExclusiveLock", "transactionid",
                        null, true);
                ps.addBatch();
                for (Scenario.Transaction t : locks) {
                    if (t.table() != null) {
                        set(ps, first.user(), database, xid, transaction.getKey(), ClusterWriter.utc(start),
                                t.lockMode() == null ? "AccessShareLock" : t.lockMode(), "relation",
                                tableIds.find(t.table(), scenario.database()).intValue(), t.granted());
                        ps.addBatch();
                    }
                }
                String text = locks.stream().map(Scenario.Transaction::statement).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                if (text != null) {
                    statements.add(new LastStatement(lastStatement(text, first.user(), age, database), xid, transaction.getKey()));
                }
                xid++;
            }
            ps.executeBatch();
        }
        int id = firstQueryId;
        if (!statements.isEmpty()) {
            WorkloadWriter writer = new WorkloadWriter(db, scenario, tableIds, userIds, now);
            for (LastStatement statement : statements) {
                writer.write(id++, statement.query(), statement.xid(), statement.pid());
            }
            writer.finish();
        }
        return id;
    }

    /** A transaction's last statement, in its transaction and session. */
    private record LastStatement(Scenario.Query query, long xid, int pid) {
    }

    /**
     * The statement a transaction ran last: it started with the transaction and took a second, in
     * the first queue (a TRUNCATE, LOCK or DDL statement has no queue of its own in the model).
     */
    private Scenario.Query lastStatement(String text, String user, Duration age, String database) {
        int queue = scenario.queues().isEmpty() ? 6 : scenario.queues().get(0).serviceClass();
        return new Scenario.Query(text, user, age, queue, 0, Math.min(1000, age.toMillis()), 0, false, List.of(), List.of(), List.of(),
                List.of(), database.equals(scenario.database()) ? null : database, null, List.of(), 1);
    }

    private void writeAdvisor() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO redshift_sim.svv_alter_table_recommendations VALUES (?,?,?,?,?,?)")) {
            for (Scenario.Advice a : scenario.advisor()) {
                set(ps, a.type(), databaseOf(a.table()), tableIds.find(a.table(), scenario.database()).intValue(), a.groupId(), a.ddl(),
                        a.autoEligible() ? "t" : "f");
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeHistory() throws SQLException {
        try (PreparedStatement stlVacuum = db.prepareStatement("INSERT INTO redshift_sim.stl_vacuum (userid, xid, table_id, status, rows, sortedrows, blocks, eventtime, is_recluster) VALUES (?,?,?,?,?,?,?,?,0)");
             PreparedStatement sysVacuum = db.prepareStatement("INSERT INTO redshift_sim.sys_vacuum_history (user_id, transaction_id, query_id, database_name, schema_name, table_name, table_id, vacuum_type, is_automatic, status, start_time, end_time, record_time, duration, rows_before_vacuum, size_before_vacuum, reclaimable_rows, reclaimed_rows, reclaimed_blocks, sortedrows_before_vacuum) VALUES (?,?,?,?,?,?,?,?,?,'Complete',?,?,?,?,?,?,0,0,0,?)");
             PreparedStatement stlAnalyze = db.prepareStatement("INSERT INTO redshift_sim.stl_analyze (userid, xid, database, table_id, status, rows, modified_rows, threshold_percent, is_auto, starttime, endtime, prevtime) VALUES (?,?,?,?,'Full',?,0,10,?,?,?,NULL)");
             PreparedStatement sysAnalyze = db.prepareStatement("INSERT INTO redshift_sim.sys_analyze_history (user_id, transaction_id, database_name, table_name, table_id, is_automatic, status, start_time, end_time, rows, modified_rows, analyze_threshold_percent) VALUES (?,?,?,?,?,?,'Full',?,?,?,0,10)")) {
            long xid = 700_000;
            int admin = userIds.values().stream().findFirst().orElse(100);
            for (Scenario.Maintenance m : scenario.history()) {
                Scenario.Table table = tables.find(m.table(), scenario.database());
                String database = scenario.databaseOf(table.database());
                long tbl = tableIds.find(m.table(), scenario.database());
                Instant start = now.minus(m.ago());
                Instant end = start.plusMillis(m.millis());
                String prefix = m.automatic() ? "[VacuumBG] " : "";
                if ("vacuum".equals(m.kind())) {
                    String variant = m.variant() == null ? "FULL" : m.variant().toUpperCase(Locale.ROOT);
                    String started = switch (variant) {
                        case "DELETE ONLY" -> "Started Delete Only";
                        case "SORT ONLY" -> "Started Sort Only";
                        case "REINDEX" -> "Started Reindex";
                        default -> "Started";
                    };
                    for (String[] event : new String[][] {{prefix + started, "s"}, {prefix + "Finished", "e"}}) {
                        set(stlVacuum, admin, xid, (int) tbl, event[0], table.rows(), (int) Math.min(Integer.MAX_VALUE, table.rows()),
                                0, ClusterWriter.utc(event[1].equals("s") ? start : end));
                        stlVacuum.addBatch();
                    }
                    String type = switch (variant) {
                        case "DELETE ONLY" -> "Delete";
                        case "SORT ONLY" -> "Sort";
                        case "REINDEX" -> "Reindex";
                        case "RECLUSTER" -> "Recluster";
                        default -> "Full";
                    };
                    set(sysVacuum, admin, xid, m.automatic() ? null : xid, database, table.schema(), table.name(), (int) tbl,
                            type, m.automatic(), ClusterWriter.utc(start), ClusterWriter.utc(end), ClusterWriter.utc(end),
                            (int) Math.min(Integer.MAX_VALUE, m.millis() * 1000), table.rows(), 0, (int) Math.min(Integer.MAX_VALUE, table.rows()));
                    sysVacuum.addBatch();
                } else {
                    set(stlAnalyze, admin, xid, database, (int) tbl, (double) table.rows(), m.automatic() ? "t" : "f",
                            ClusterWriter.utc(start), ClusterWriter.utc(end));
                    stlAnalyze.addBatch();
                    set(sysAnalyze, admin, xid, database, table.name(), (int) tbl, m.automatic() ? "t" : "f",
                            ClusterWriter.utc(start), ClusterWriter.utc(end), (double) table.rows());
                    sysAnalyze.addBatch();
                }
                xid++;
            }
            for (PreparedStatement ps : new PreparedStatement[] {stlVacuum, sysVacuum, stlAnalyze, sysAnalyze}) {
                ps.executeBatch();
            }
        }
    }

    /** The database of the table a reference names from the default database. */
    private String databaseOf(String tableReference) {
        return scenario.databaseOf(tables.find(tableReference, scenario.database()).database());
    }

    private static String truncate(String text, int length) {
        return text.length() > length ? text.substring(0, length) : text;
    }

    static void set(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }
}
