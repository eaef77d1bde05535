package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.TableLookup;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    private final Map<String, Connection> otherDatabases;
    private final Scenario scenario;
    private final Instant now;
    /** Table ids by every reference the scenario may use (PostgreSQL's oids: unique across the server's databases). */
    private final TableLookup<Long> tableIds = new TableLookup<>();
    /** Each table's id, in the order of the scenario's tables. */
    private final long[] ids;
    private final Map<String, Integer> userIds = new HashMap<>();
    /** Each database's id (its PostgreSQL oid), by Redshift name. */
    private final Map<String, Integer> databaseIds = new HashMap<>();
    private final DatabaseNames names;

    /**
     * @param superuser      connection to the default database, where the cluster's model is written
     * @param otherDatabases connections to the scenario's other databases (their tables are created there)
     * @param names          the PostgreSQL databases underneath the scenario's databases
     */
    ClusterWriter(Connection superuser, Map<String, Connection> otherDatabases, Scenario scenario, Instant now, DatabaseNames names) {
        this.db = superuser;
        this.otherDatabases = otherDatabases;
        this.scenario = scenario;
        this.now = now;
        this.names = names;
        this.ids = new long[scenario.tables().size()];
    }

    void write() throws SQLException {
        writeCluster();
        for (Scenario.User user : scenario.users()) {
            writeUser(user);
        }
        writeTables();
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
        // Owner 1 (rdsdb) as in the page's sample; every scenario database is one of the cluster's own.
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO redshift_sim.svv_redshift_databases VALUES (?, 1, 'local', NULL, NULL, 'Snapshot Isolation')")) {
            for (String database : scenario.databases()) {
                ps.setString(1, database);
                ps.addBatch();
            }
            ps.executeBatch();
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

    /**
     * Users are cluster-wide, as on Redshift: each may connect to every database. Roles are
     * server-wide in PostgreSQL, so the clusters of a fleet, which share one, share their users' roles:
     * a role another cluster created already is used as it is.
     */
    private void writeUser(Scenario.User user) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = " + Identifiers.literal(user.name()) + ") THEN "
                    + "CREATE ROLE " + Identifiers.quote(user.name()) + " LOGIN" + (user.superuser() ? " SUPERUSER" : "") + "; END IF; END $$");
            for (String database : scenario.databases()) {
                st.execute("GRANT ALL ON DATABASE " + Identifiers.quote(names.backend(database)) + " TO " + Identifiers.quote(user.name()));
            }
            try (ResultSet rs = st.executeQuery("SELECT oid FROM pg_roles WHERE rolname = " + Identifiers.literal(user.name()))) {
                rs.next();
                userIds.put(user.name(), rs.getInt(1));
            }
        }
    }

    private void writeTables() throws SQLException {
        List<Scenario.Table> tables = scenario.tables();
        createTables();
        try (PreparedStatement ps = db.prepareStatement("SELECT datname, oid FROM pg_database WHERE datname = ?")) {
            for (String database : scenario.databases()) {
                ps.setString(1, names.backend(database));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        databaseIds.put(database, rs.getInt(2));
                    }
                }
            }
        }
        List<TableLayout> layouts = new ArrayList<>(tables.size());
        for (Scenario.Table t : tables) {
            layouts.add(TableLayout.of(t, scenario.cluster()));
        }
        CopyRows meta = new CopyRows(db, "redshift_sim.table_meta", "table_id, \"database\", \"schema\", table_name, diststyle, "
                + "sortkey_type, sortkey1, sortkey_num, sortkey1_enc, encoded, max_varchar, ncols, stats_off, modified_rows, deleted_rows, "
                + "vacuum_sort_benefit, skew_sortkey1, risk_event, create_time");
        for (int i = 0; i < tables.size(); i++) {
            writeTableMeta(meta, tables.get(i), ids[i], layouts.get(i));
        }
        meta.flush();
        CopyRows columns = new CopyRows(db, "redshift_sim.column_meta", "table_id, attnum, \"encoding\", distkey, sortkey");
        for (int i = 0; i < tables.size(); i++) {
            writeColumnMeta(columns, tables.get(i), ids[i]);
        }
        columns.flush();
        CopyRows slices = new CopyRows(db, "redshift_sim.stv_tbl_perm", "slice, id, name, rows, sorted_rows, temp, db_id, "
                + "insert_pristine, delete_pristine, backup, dist_style, block_count");
        for (int i = 0; i < tables.size(); i++) {
            writeSlices(slices, tables.get(i), ids[i], layouts.get(i));
        }
        writeInternalTable(slices);
        slices.flush();
    }

    /**
     * Creates every database's tables in that database and learns their ids. PostgreSQL hands out
     * oids from one server-wide counter, so table ids stay unique across databases as on Redshift.
     * The other databases' tables are committed at once (their grants follow once the roles are).
     */
    private void createTables() throws SQLException {
        Map<String, List<Integer>> byDatabase = new LinkedHashMap<>();
        scenario.databases().forEach(d -> byDatabase.put(d, new ArrayList<>()));
        for (int i = 0; i < scenario.tables().size(); i++) {
            Scenario.Table t = scenario.tables().get(i);
            List<Integer> ofDatabase = byDatabase.get(scenario.databaseOf(t.database()));
            if (ofDatabase == null) {
                throw new IllegalArgumentException("table " + t.schema() + "." + t.name() + " is in database " + t.database()
                        + ", which is not one of the scenario's databases " + scenario.databases());
            }
            ofDatabase.add(i);
        }
        for (Map.Entry<String, List<Integer>> database : byDatabase.entrySet()) {
            List<Scenario.Table> tables = database.getValue().stream().map(scenario.tables()::get).toList();
            boolean home = database.getKey().equals(scenario.database());
            Connection conn = home ? db : otherDatabases.get(database.getKey());
            if (conn == null) {
                throw new IllegalArgumentException("no connection to database " + database.getKey() + " of scenario " + scenario.name());
            }
            new TableDdl(conn, home ? scenario.users() : List.of()).create(tables);
            SampleRows.load(conn, tables, scenario.sampleRows());
            if (!home) {
                conn.commit();
            }
            Map<String, Long> oids = tableOids(conn, tables);
            for (int i : database.getValue()) {
                Scenario.Table t = scenario.tables().get(i);
                ids[i] = oids.get(t.schema() + "." + t.name());
                tableIds.add(database.getKey(), t.schema(), t.name(), ids[i]);
            }
        }
    }

    /** The oids of one database's user tables in one round trip (the oid is Redshift's table id). */
    private static Map<String, Long> tableOids(Connection conn, List<Scenario.Table> tables) throws SQLException {
        Map<String, Long> oids = new HashMap<>();
        if (tables.isEmpty()) {
            return oids;
        }
        Set<String> schemas = new LinkedHashSet<>();
        tables.forEach(t -> schemas.add(t.schema()));
        try (PreparedStatement ps = conn.prepareStatement("SELECT n.nspname, c.relname, c.oid FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = ANY (?)")) {
            ps.setArray(1, conn.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    oids.put(rs.getString(1) + "." + rs.getString(2), rs.getLong(3));
                }
            }
        }
        return oids;
    }

    private void writeTableMeta(CopyRows rows, Scenario.Table t, long id, TableLayout layout) throws SQLException {
        List<String> sortCols = t.sortkey() == null ? List.of() : t.sortkey().columns();
        boolean auto = t.sortkey() != null && t.sortkey().auto();
        // SVV_TABLE_INFO.sortkey1: the first column, AUTO(SORTKEY) while Redshift has chosen no key for a
        // SORTKEY AUTO table, AUTO(SORTKEY(column)) once it has (r_SVV_TABLE_INFO).
        String sortkey1 = auto ? (sortCols.isEmpty() ? "AUTO(SORTKEY)" : "AUTO(SORTKEY(" + sortCols.get(0) + "))")
                : sortCols.isEmpty() ? null
                : ("INTERLEAVED".equalsIgnoreCase(t.sortkey().type()) ? "INTERLEAVED" : sortCols.get(0));
        String sortkey1Enc = sortCols.isEmpty() ? null : encodingOf(t, sortCols.get(0));
        boolean encoded = t.columns().stream().anyMatch(c -> !isRaw(c.encoding()));
        rows.number(id)
                .text(scenario.databaseOf(t.database()))
                .text(t.schema())
                .text(t.name())
                .text(layout.diststyleText())
                .text(sortCols.isEmpty() ? null : t.sortkey().type().toUpperCase(Locale.ROOT))
                .text(sortkey1)
                .number(sortCols.size())
                .text(sortkey1Enc)
                .text(encoded ? "Y" : "N");
        if (layout.maxVarchar() == null) {
            rows.nul();
        } else {
            rows.number(layout.maxVarchar());
        }
        rows.number(t.columns().size())
                .decimal(t.statsOffPct())
                .number(Math.round(t.rows() * t.changedPct() / 100))
                .number(t.deletedRows());
        if (sortCols.isEmpty()) {
            rows.nul().nul();
        } else {
            rows.decimal(layout.vacuumSortBenefit()).decimal(1.0);
        }
        rows.nul()
                .timestamp(now.minus(t.age()))
                .endRow();
    }

    private void writeColumnMeta(CopyRows rows, Scenario.Table t, long oid) throws SQLException {
        List<String> sortCols = t.sortkey() == null ? List.of() : t.sortkey().columns();
        boolean interleaved = t.sortkey() != null && "INTERLEAVED".equalsIgnoreCase(t.sortkey().type());
        for (int i = 0; i < t.columns().size(); i++) {
            Scenario.Column col = t.columns().get(i);
            int position = sortCols.indexOf(col.name()) + 1;
            // PG_TABLE_DEF: interleaved keys alternate the sign of the position.
            int sortkey = position == 0 ? 0 : (interleaved && position % 2 == 0 ? -position : position);
            rows.number(oid)
                    .number(i + 1)
                    .text(col.encoding() == null ? "none" : col.encoding().toLowerCase(Locale.ROOT))
                    .bool(col.name().equals(t.distkey()))
                    .number(sortkey)
                    .endRow();
        }
    }

    private void writeSlices(CopyRows rows, Scenario.Table t, long oid, TableLayout layout) throws SQLException {
        int databaseId = databaseIds.get(scenario.databaseOf(t.database()));
        for (int slice = 0; slice < layout.rowsPerSlice().length; slice++) {
            rows.number(slice)
                    .number(oid)
                    .text(t.name())
                    .number(layout.rowsPerSlice()[slice])
                    .number(layout.sortedRowsPerSlice()[slice])
                    .number(0)
                    .number(databaseId)
                    .number(0)
                    .number(0)
                    .number(1)
                    .number(layout.distStyleCode())
                    .number(layout.blocksPerSlice()[slice])
                    .endRow();
        }
    }

    /**
     * STV_TBL_PERM covers Redshift's own tables too (its sample lists padb_config_harvest, id 100003),
     * and block_count is -1 where Redshift cannot compute it (r_STV_TBL_PERM): the simulator's rows for
     * that internal table carry -1, so readers that sum blocks must leave such rows out.
     */
    private void writeInternalTable(CopyRows rows) throws SQLException {
        int databaseId = databaseIds.get(scenario.database());
        for (int slice = 0; slice < scenario.cluster().slices(); slice++) {
            rows.number(slice).number(100003).text("padb_config_harvest").number(0).number(0).number(0).number(databaseId)
                    .number(0).number(0).number(0).number(0).number(-1).endRow();
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
        DeferredIndexes indexes = DeferredIndexes.suspend(db, WorkloadWriter.RELATIONS);
        WorkloadWriter workload = new WorkloadWriter(db, scenario, tableIds, userIds, now);
        // Explicit queries first, then the generated ones, streamed: a million never sit in memory at once.
        int next = workload.write(FIRST_QUERY_ID, scenario.queries());
        next = workload.write(next, WorkloadGenerator.queries(scenario.generator()));
        workload.finish();
        indexes.restore();
        next = new StateWriter(db, scenario, tableIds, userIds, now).write(next);
        new ActivityWriter(db, scenario, tableIds, userIds, databaseIds, now).write(next);
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
