package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.WorkloadGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a scenario's model into the simulator's PostgreSQL: roles, user tables, their physical
 * state per slice, and the workload's rows in every log table, all from the same numbers so that
 * the system views agree with each other (a scan's table id is the table's oid, query ids join).
 */
final class ClusterWriter {

    /** Block size of Redshift: 1 MB. */
    private static final long BLOCK_BYTES = 1 << 20;
    private static final int FIRST_QUERY_ID = 1000;

    private final Connection db;
    private final Scenario scenario;
    private final Instant now;
    private final Map<String, Long> tableIds = new HashMap<>();
    private final Map<String, Integer> userIds = new HashMap<>();

    ClusterWriter(Connection superuser, Scenario scenario, Instant now) {
        this.db = superuser;
        this.scenario = scenario;
        this.now = now;
    }

    void write() throws SQLException {
        writeCluster();
        for (Scenario.User user : scenario.users()) {
            writeUser(user);
        }
        for (Scenario.Table table : scenario.tables()) {
            writeTable(table);
        }
        writeQueues();
        writeQueries();
    }

    private void writeCluster() throws SQLException {
        Scenario.Cluster c = scenario.cluster();
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO redshift_sim.cluster VALUES (?,?,?,?,?::interval,?)")) {
            ps.setString(1, c.nodeType());
            ps.setInt(2, c.nodes());
            ps.setInt(3, c.slicesPerNode());
            ps.setLong(4, NodeTypes.capacityMbPerNode(c.nodeType()) * c.nodes());
            ps.setString(5, c.retention().getSeconds() + " seconds");
            ps.setBoolean(6, c.serverless());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO redshift_sim.stv_slices VALUES (?,?,?,'D')")) {
            for (int node = 0; node < c.nodes(); node++) {
                for (int local = 0; local < c.slicesPerNode(); local++) {
                    ps.setInt(1, node);
                    ps.setInt(2, node * c.slicesPerNode() + local);
                    ps.setInt(3, local);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private void writeUser(Scenario.User user) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE ROLE " + Identifiers.quote(user.name()) + " LOGIN" + (user.superuser() ? " SUPERUSER" : ""));
            st.execute("GRANT ALL ON DATABASE " + Identifiers.quote(scenario.database()) + " TO " + Identifiers.quote(user.name()));
            try (ResultSet rs = st.executeQuery("SELECT oid FROM pg_roles WHERE rolname = " + Identifiers.literal(user.name()))) {
                rs.next();
                userIds.put(user.name(), rs.getInt(1));
            }
        }
    }

    private void writeTable(Scenario.Table t) throws SQLException {
        String qualified = Identifiers.quote(t.schema()) + "." + Identifiers.quote(t.name());
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(qualified).append(" (");
        for (int i = 0; i < t.columns().size(); i++) {
            Scenario.Column col = t.columns().get(i);
            ddl.append(i == 0 ? "" : ", ").append(Identifiers.quote(col.name())).append(' ').append(col.type())
                    .append(col.notNull() ? " NOT NULL" : "");
        }
        ddl.append(')');
        long oid;
        try (Statement st = db.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(t.schema()));
            st.execute(ddl.toString());
            for (Scenario.User user : scenario.users()) {
                st.execute("GRANT USAGE ON SCHEMA " + Identifiers.quote(t.schema()) + " TO " + Identifiers.quote(user.name()));
                st.execute("GRANT SELECT ON " + qualified + " TO " + Identifiers.quote(user.name()));
            }
            try (ResultSet rs = st.executeQuery("SELECT " + Identifiers.literal(qualified) + "::regclass::oid")) {
                rs.next();
                oid = rs.getLong(1);
            }
        }
        tableIds.put(t.schema() + "." + t.name(), oid);
        tableIds.putIfAbsent(t.name(), oid);
        TableLayout layout = TableLayout.of(t, scenario.cluster());
        writeTableMeta(t, oid, layout);
        writeColumnMeta(t, oid);
        writeSlices(t, oid, layout);
    }

    private void writeTableMeta(Scenario.Table t, long oid, TableLayout layout) throws SQLException {
        List<String> sortCols = t.sortkey() == null ? List.of() : t.sortkey().columns();
        String sortkey1 = sortCols.isEmpty() ? null
                : ("INTERLEAVED".equalsIgnoreCase(t.sortkey().type()) ? "INTERLEAVED" : sortCols.get(0));
        String sortkey1Enc = sortCols.isEmpty() ? null : encodingOf(t, sortCols.get(0));
        boolean encoded = t.columns().stream().anyMatch(c -> !isRaw(c.encoding()));
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO redshift_sim.table_meta VALUES "
                + "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,?)")) {
            ps.setLong(1, oid);
            ps.setString(2, scenario.database());
            ps.setString(3, t.schema());
            ps.setString(4, t.name());
            ps.setString(5, layout.diststyleText());
            ps.setString(6, sortCols.isEmpty() ? null : t.sortkey().type().toUpperCase(Locale.ROOT));
            ps.setString(7, sortkey1);
            ps.setInt(8, sortCols.size());
            ps.setString(9, sortkey1Enc);
            ps.setString(10, encoded ? "Y" : "N");
            ps.setObject(11, layout.maxVarchar());
            ps.setInt(12, t.columns().size());
            ps.setDouble(13, t.statsOffPct());
            ps.setLong(14, t.deletedRows());
            ps.setObject(15, sortCols.isEmpty() ? null : layout.vacuumSortBenefit());
            ps.setObject(16, sortCols.isEmpty() ? null : 1.0);
            ps.setTimestamp(17, utc(now.minus(t.age())));
            ps.executeUpdate();
        }
    }

    private void writeColumnMeta(Scenario.Table t, long oid) throws SQLException {
        List<String> sortCols = t.sortkey() == null ? List.of() : t.sortkey().columns();
        boolean interleaved = t.sortkey() != null && "INTERLEAVED".equalsIgnoreCase(t.sortkey().type());
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO redshift_sim.column_meta VALUES (?,?,?,?,?)")) {
            for (int i = 0; i < t.columns().size(); i++) {
                Scenario.Column col = t.columns().get(i);
                int position = sortCols.indexOf(col.name()) + 1;
                // PG_TABLE_DEF: interleaved keys alternate the sign of the position.
                int sortkey = position == 0 ? 0 : (interleaved && position % 2 == 0 ? -position : position);
                ps.setLong(1, oid);
                ps.setInt(2, i + 1);
                ps.setString(3, col.encoding() == null ? "none" : col.encoding().toLowerCase(Locale.ROOT));
                ps.setBoolean(4, col.name().equals(t.distkey()));
                ps.setInt(5, sortkey);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeSlices(Scenario.Table t, long oid, TableLayout layout) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO redshift_sim.stv_tbl_perm "
                + "(slice, id, name, rows, sorted_rows, temp, db_id, insert_pristine, delete_pristine, backup, dist_style, block_count) "
                + "VALUES (?,?,?,?,?,0,1,0,0,1,?,?)")) {
            for (int slice = 0; slice < layout.rowsPerSlice().length; slice++) {
                ps.setInt(1, slice);
                ps.setLong(2, oid);
                ps.setString(3, t.name());
                ps.setLong(4, layout.rowsPerSlice()[slice]);
                ps.setLong(5, layout.sortedRowsPerSlice()[slice]);
                ps.setInt(6, layout.distStyleCode());
                ps.setLong(7, layout.blocksPerSlice()[slice]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeQueues() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO redshift_sim.stv_wlm_service_class_config VALUES "
                + "(?, 'FIFO', ?, ?, 'false', 0, ?, ?, 0, ?, 0, false, false, 'off', 'normal', false)")) {
            for (Scenario.Queue q : scenario.queues()) {
                ps.setInt(1, q.serviceClass());
                ps.setInt(2, q.slots());
                ps.setInt(3, q.slots());
                ps.setInt(4, q.workingMemMb());
                ps.setInt(5, q.workingMemMb());
                ps.setString(6, q.name());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeQueries() throws SQLException {
        List<Scenario.Query> queries = new java.util.ArrayList<>(scenario.queries());
        queries.addAll(WorkloadGenerator.generate(scenario.generator()));
        new WorkloadWriter(db, scenario, tableIds, userIds, now).write(FIRST_QUERY_ID, queries);
        new StateWriter(db, scenario, tableIds, userIds, now).write(FIRST_QUERY_ID + queries.size());
    }

    private static String encodingOf(Scenario.Table t, String column) {
        return t.columns().stream().filter(c -> c.name().equals(column)).map(Scenario.Column::encoding)
                .map(e -> e == null ? "none" : e.toLowerCase(Locale.ROOT)).findFirst().orElse("none");
    }

    static boolean isRaw(String encoding) {
        return encoding == null || encoding.equalsIgnoreCase("none") || encoding.equalsIgnoreCase("raw");
    }

    static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** Deterministic per-table randomness, so the same scenario always gives the same cluster. */
    static SplittableRandom randomFor(String seed) {
        return new SplittableRandom(seed.hashCode() * 0x9E3779B97F4A7C15L);
    }

    static long blockBytes() {
        return BLOCK_BYTES;
    }
}
