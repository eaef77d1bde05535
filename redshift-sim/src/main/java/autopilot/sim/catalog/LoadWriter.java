package autopilot.sim.catalog;

import static autopilot.sim.catalog.ActivityContext.cut;
import static autopilot.sim.catalog.ActivityContext.set;
import static autopilot.sim.catalog.ActivityContext.utc;

import autopilot.sim.model.Activity;
import autopilot.sim.model.Scenario;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * COPY and UNLOAD: the statements (logged as queries by the workload writer) and what they leave
 * behind: per file STL_LOAD_COMMITS and STL_S3CLIENT rows, per rejected line STL_LOAD_ERRORS /
 * SYS_LOAD_ERROR_DETAIL, per COPY SYS_LOAD_HISTORY and its commit (STL_COMMIT_STATS), per
 * unloaded file STL_UNLOAD_LOG. A COPY with more errors than its MAXERROR fails: it is aborted,
 * loads and commits nothing, but its S3 reads and errors are logged.
 */
final class LoadWriter {

    /** Microseconds from the Unix epoch to 2000-01-01, where STL_S3CLIENT counts from. */
    private static final long MICROS_TO_2000 = 946_684_800_000_000L;
    private static final long MB = 1 << 20;

    private final ActivityContext c;
    private final List<Activity.Load> loads;
    private final List<Activity.Unload> unloads;

    LoadWriter(ActivityContext context) {
        this(context, context.activity().loads(), context.activity().unloads());
    }

    /** Writes the given COPYs and UNLOADs (live mode's reruns), not the scenario's. */
    LoadWriter(ActivityContext context, List<Activity.Load> loads, List<Activity.Unload> unloads) {
        this.c = context;
        this.loads = loads;
        this.unloads = unloads;
    }

    /**
     * Logs the statements as queries (the workload writer's relations) with ids from
     * {@code firstQueryId}, then what they left behind; returns the next free query id.
     */
    int writeAll(int firstQueryId) throws SQLException {
        List<Scenario.Query> statements = statements();
        if (statements.isEmpty()) {
            return firstQueryId;
        }
        WorkloadWriter workload = new WorkloadWriter(c.db(), c.scenario(), c.tableIds(), c.userIds(), c.now());
        int next = workload.write(firstQueryId, statements);
        workload.finish();
        write(firstQueryId, logged(firstQueryId, next));
        return next;
    }

    /** How the workload writer logged the statements: their transaction and session ids by query id. */
    private Map<Integer, long[]> logged(int from, int to) throws SQLException {
        Map<Integer, long[]> ids = new HashMap<>();
        try (PreparedStatement ps = c.db().prepareStatement("SELECT \"query\", xid, pid FROM redshift_sim.stl_query WHERE \"query\" >= ? AND \"query\" < ?")) {
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

    /** The statements, loads first, in the order their query ids are given. */
    List<Scenario.Query> statements() {
        List<Scenario.Query> statements = new ArrayList<>();
        for (Activity.Load l : loads) {
            Scenario.Table t = c.table(l.table());
            String text = "COPY " + t.schema() + "." + t.name() + " FROM '" + l.source() + "' IAM_ROLE default " + formatClause(l.format())
                    + (l.maxErrors() > 0 ? " MAXERROR " + l.maxErrors() : "");
            statements.add(new Scenario.Query(text, l.user(), l.ago(), l.serviceClass(), l.queueMillis(), l.millis(), 0, failed(l),
                    List.of(), List.of(), List.of(), List.of(), t.database()));
        }
        for (Activity.Unload u : unloads) {
            Scenario.Table t = c.table(u.table());
            String name = t.schema() + "." + t.name();
            String text = "UNLOAD ('select * from " + name + "') TO '" + u.path() + "' IAM_ROLE default"
                    + (u.format().equals("text") ? "" : " FORMAT AS " + u.format().toUpperCase(Locale.ROOT));
            // The UNLOAD reads the whole table: a scan of its rows, so STL_SCAN agrees.
            Scenario.Scan scan = new Scenario.Scan(name, 2, u.rows(), u.rows(), u.rows(), u.millis(), false);
            statements.add(new Scenario.Query(text, u.user(), u.ago(), u.serviceClass(), 0, u.millis(), 0, false, List.of(scan),
                    List.of(), List.of(), List.of(), t.database()));
        }
        return statements;
    }

    /** Writes what the statements left behind; {@code logged} holds each one's xid and pid by query id. */
    private void write(int firstQueryId, Map<Integer, long[]> logged) throws SQLException {
        if (loads.isEmpty() && unloads.isEmpty()) {
            return;
        }
        long[] permBlocks = c.blocksPerNode();
        try (PreparedStatement commits = c.db().prepareStatement("INSERT INTO redshift_sim.stl_load_commits VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement s3 = c.db().prepareStatement("INSERT INTO redshift_sim.stl_s3client VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement errors = c.db().prepareStatement("INSERT INTO redshift_sim.load_errors VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement history = c.db().prepareStatement("INSERT INTO redshift_sim.sys_load_history VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement commitStats = c.db().prepareStatement("INSERT INTO redshift_sim.stl_commit_stats VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement unloadLog = c.db().prepareStatement("INSERT INTO redshift_sim.stl_unload_log VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            int id = firstQueryId;
            for (Activity.Load l : loads) {
                long[] ids = logged.get(id);
                writeLoad(l, id, ids[0], (int) ids[1], commits, s3, errors, history, commitStats, permBlocks);
                id++;
            }
            for (Activity.Unload u : unloads) {
                writeUnload(u, id, (int) logged.get(id)[1], unloadLog);
                id++;
            }
            for (PreparedStatement ps : List.of(commits, s3, errors, history, commitStats, unloadLog)) {
                ps.executeBatch();
            }
        }
        markFailedCopies(firstQueryId);
    }

    private void writeLoad(Activity.Load l, int query, long xid, int pid, PreparedStatement commits, PreparedStatement s3,
                           PreparedStatement errors, PreparedStatement history, PreparedStatement commitStats, long[] permBlocks)
            throws SQLException {
        Scenario.Table table = c.table(l.table());
        int tableId = c.tableId(l.table());
        String database = c.databaseOf(table);
        int user = c.userId(l.user());
        int slices = c.scenario().cluster().slices();
        Instant start = c.now().minus(l.ago());
        Instant execStart = start.plusMillis(l.queueMillis());
        Instant end = execStart.plusMillis(l.millis());
        boolean failed = failed(l);
        String fileFormat = switch (l.format()) {
            case "json" -> "JSON";
            case "avro" -> "Avro";
            case "orc" -> "ORC";
            case "parquet" -> "Parquet";
            default -> "Text";
        };
        // Each slice reads its files one after the other; reading takes the first half of the COPY.
        int rounds = (l.files() + slices - 1) / slices;
        long roundMicros = l.millis() * 1000 / 2 / rounds;
        for (int file = 0; file < l.files(); file++) {
            String path = fileName(l, file);
            int slice = file % slices;
            long lines = share(l.rows(), l.files(), file);
            long bytes = share(l.bytes(), l.files(), file);
            int index = file;
            int fileErrors = (int) l.errors().stream().filter(e -> e.file() == index).count();
            long readStart = micros(execStart) + (file / slices) * roundMicros;
            String bucket = path.substring(5, path.indexOf('/', 5));
            set(s3, user, query, slice, utc(instant(readStart + roundMicros)), pid, "GET", cut(bucket, 64), cut(path.substring(6 + bucket.length()), 256),
                    bytes, bytes, readStart - MICROS_TO_2000, readStart + roundMicros - MICROS_TO_2000, roundMicros, 0L, 800L, 2500L, 0L,
                    String.format("%016X", (long) query * 1_000_003L + file), cut(Long.toHexString(xid * 31 + file) + "/" + query + "=", 128),
                    "52.216." + (file % 250) + "." + (query % 250), 0, 0L);
            s3.addBatch();
            if (!failed) {
                set(commits, user, query, slice, cut(path.substring(path.lastIndexOf('/') + 1), 256), cut(path, 256), 0,
                        (int) Math.min(Integer.MAX_VALUE, lines), fileErrors, utc(end), 1, fileFormat, 0, 0L, 0L);
                commits.addBatch();
            }
        }
        for (Activity.LoadError e : l.errors()) {
            Scenario.Column column = table.columns().stream().filter(col -> col.name().equals(e.column())).findFirst().orElseThrow();
            String[] type = loadType(column.type());
            set(errors, user, e.file() % slices, tableId, utc(start), pid, query, cut(fileName(l, e.file()), 256), e.line(),
                    cut(e.column(), 127), type[0], type[1], e.position(), cut(e.rawLine(), 1024), cut(e.value(), 1024), e.code(),
                    cut(e.reason(), 100), xid, cut(database, 64), cut(e.reason(), 512));
            errors.addBatch();
        }
        long loaded = failed ? 0 : l.rows() - l.errors().size();
        long loadedBytes = l.rows() == 0 ? 0 : Math.round((double) l.bytes() * loaded / l.rows());
        set(history, user, (long) query, xid, pid, database, failed ? "aborted" : "completed", table.name(), utc(start), utc(end),
                Duration.between(start, end).toNanos() / 1000, l.source(), l.format(), loaded, loadedBytes, l.files(), l.bytes(), l.files(),
                l.bytes(), (long) l.errors().size(), 0L, tableId);
        history.addBatch();
        if (!failed) {
            long newBlocks = Math.max(1, (loadedBytes + MB - 1) / MB);
            c.commit(commitStats, xid, end, l.commitQueueMillis(), l.commitMillis(), newBlocks, l.commitQueueMillis() > 0 ? 1 : 0, permBlocks);
        }
    }

    private void writeUnload(Activity.Unload u, int query, int pid, PreparedStatement log) throws SQLException {
        int slices = c.scenario().cluster().slices();
        int files = Math.min(u.files(), slices);
        Instant start = c.now().minus(u.ago());
        Instant end = start.plusMillis(u.millis());
        String extension = switch (u.format()) {
            case "parquet" -> ".parquet";
            case "csv" -> ".csv";
            case "json" -> ".json";
            default -> "";
        };
        // Each slice writes its part of the result: <prefix>0000_part_00 for slice 0, and so on.
        for (int slice = 0; slice < files; slice++) {
            set(log, c.userId(u.user()), query, slice, pid, cut(u.path() + String.format("%04d_part_00", slice) + extension, 1280),
                    utc(start), utc(end), share(u.rows(), files, slice), share(u.bytes(), files, slice), u.format());
            log.addBatch();
        }
    }

    /** A failed COPY ends with Redshift's load error, which points at STL_LOAD_ERRORS. */
    private void markFailedCopies(int firstQueryId) throws SQLException {
        try (PreparedStatement ps = c.db().prepareStatement("UPDATE redshift_sim.sys_query_history SET \"status\" = 'failed', "
                + "error_message = ? WHERE query_id = ?")) {
            for (int i = 0; i < loads.size(); i++) {
                Activity.Load l = loads.get(i);
                if (failed(l)) {
                    ps.setString(1, "Load into table '" + c.table(l.table()).name() + "' failed. Check 'stl_load_errors' system table for details.");
                    ps.setLong(2, firstQueryId + i);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    static boolean failed(Activity.Load l) {
        return l.errors().size() > l.maxErrors();
    }

    /** The load's i-th file under its prefix, named by its format; a one-file load may name the file itself. */
    static String fileName(Activity.Load l, int file) {
        if (l.files() == 1 && !l.source().endsWith("/")) {
            return l.source();
        }
        String extension = switch (l.format()) {
            case "text" -> "txt";
            default -> l.format();
        };
        String prefix = l.source().endsWith("/") ? l.source() : l.source() + "/";
        return prefix + String.format("part-%05d.%s", file, extension);
    }

    private static String formatClause(String format) {
        return switch (format) {
            case "csv" -> "FORMAT AS CSV";
            case "json" -> "FORMAT AS JSON 'auto'";
            case "avro" -> "FORMAT AS AVRO 'auto'";
            case "orc" -> "FORMAT AS ORC";
            case "parquet" -> "FORMAT AS PARQUET";
            default -> "DELIMITER '|'";
        };
    }

    /**
     * STL_LOAD_ERRORS' type and col_length of a column: the type's internal name, and its declared
     * length (or precision and scale) where it has one.
     */
    static String[] loadType(String declared) {
        String t = declared.toUpperCase(Locale.ROOT).trim();
        String args = t.contains("(") ? t.substring(t.indexOf('(') + 1, t.lastIndexOf(')')).replace(" ", "") : "0";
        String base = t.contains("(") ? t.substring(0, t.indexOf('(')).trim() : t;
        String name = switch (base) {
            case "SMALLINT", "INT2" -> "int2";
            case "INTEGER", "INT", "INT4" -> "int4";
            case "BIGINT", "INT8" -> "int8";
            case "DECIMAL", "NUMERIC" -> "numeric";
            case "REAL", "FLOAT4" -> "float4";
            case "DOUBLE PRECISION", "FLOAT8", "FLOAT" -> "float8";
            case "BOOLEAN", "BOOL" -> "bool";
            case "CHAR", "CHARACTER", "NCHAR", "BPCHAR" -> "bpchar";
            case "VARCHAR", "CHARACTER VARYING", "NVARCHAR", "TEXT" -> "varchar";
            case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE" -> "timestamptz";
            default -> base.toLowerCase(Locale.ROOT);
        };
        return new String[] {cut(name, 10), cut(args, 10)};
    }

    private static long share(long total, int parts, int part) {
        return total / parts + (part < total % parts ? 1 : 0);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }
}
