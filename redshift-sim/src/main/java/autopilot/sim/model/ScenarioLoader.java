package autopilot.sim.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a scenario (YAML or JSON, which is YAML too), fills documented defaults and checks that it
 * is consistent; every problem is reported with its path so the author can fix the file.
 */
public final class ScenarioLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ScenarioLoader() {
    }

    /** A scenario shipped with the module, by name (e.g. {@code healthy}). */
    public static Scenario shipped(String name) {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream("/autopilot/sim/scenarios/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped scenario '" + name + "'");
            }
            return read(in, name);
        } catch (IOException e) {
            throw new IllegalArgumentException("scenario " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    public static Scenario read(InputStream in, String origin) throws IOException {
        return normalise(YAML.readValue(in, Scenario.class), origin);
    }

    static Scenario normalise(Scenario s, String origin) {
        List<String> problems = new ArrayList<>();
        if (s.cluster() == null) {
            problems.add("cluster: missing (nodeType, nodes, slicesPerNode)");
        }
        Scenario.Cluster c = s.cluster() == null ? new Scenario.Cluster("ra3.xlplus", 2, 2, false, null) : s.cluster();
        Scenario.Cluster cluster = new Scenario.Cluster(c.nodeType() == null ? "ra3.xlplus" : c.nodeType(),
                c.nodes() <= 0 ? 2 : c.nodes(), c.slicesPerNode() <= 0 ? 2 : c.slicesPerNode(), c.serverless(),
                c.retention() == null ? Duration.ofDays(5) : c.retention(), c.stlRefusal(), c.systemQueries());
        if (c.stlRefusal() != null && !Set.of("PERMISSION_DENIED", "NOT_FOUND").contains(c.stlRefusal().toUpperCase())) {
            problems.add("cluster.stlRefusal: expected PERMISSION_DENIED or NOT_FOUND, found " + c.stlRefusal());
        }
        if (s.sampleRows() < 0) {
            problems.add("sampleRows: rows per table, 0 (empty tables) or more, found " + s.sampleRows());
        }
        List<Scenario.User> users = orEmpty(s.users());
        if (users.isEmpty()) {
            problems.add("users: at least one user is needed to connect");
        }
        Set<String> userNames = users.stream().map(Scenario.User::name).collect(Collectors.toSet());
        for (Scenario.User u : users) {
            if (u.syslogAccess() != null && !Set.of("RESTRICTED", "UNRESTRICTED").contains(u.syslogAccess().toUpperCase())) {
                problems.add("users (" + u.name() + ").syslogAccess: expected RESTRICTED or UNRESTRICTED, found " + u.syslogAccess());
            }
        }
        List<String> databases = databases(s, problems);
        String home = databases.get(0);
        List<Scenario.Table> tables = new ArrayList<>();
        for (int i = 0; i < orEmpty(s.tables()).size(); i++) {
            Scenario.Table t = s.tables().get(i);
            String at = "tables[" + i + "] (" + t.name() + ")";
            if (t.name() == null || t.columns() == null || t.columns().isEmpty()) {
                problems.add(at + ": a table needs a name and columns");
                continue;
            }
            Set<String> cols = t.columns().stream().map(Scenario.Column::name).collect(Collectors.toSet());
            String style = t.diststyle() == null ? "EVEN" : t.diststyle().toUpperCase();
            if (!Set.of("EVEN", "KEY", "ALL", "AUTO").contains(style)) {
                problems.add(at + ".diststyle: expected EVEN, KEY, ALL or AUTO, found " + t.diststyle());
            }
            if (style.equals("KEY") && !cols.contains(t.distkey())) {
                problems.add(at + ".distkey: '" + t.distkey() + "' is not a column of the table");
            }
            if (t.sortkey() != null) {
                for (String col : orEmpty(t.sortkey().columns())) {
                    if (!cols.contains(col)) {
                        problems.add(at + ".sortkey: '" + col + "' is not a column of the table");
                    }
                }
                if (t.sortkey().type() == null || !Set.of("COMPOUND", "INTERLEAVED", "AUTO").contains(t.sortkey().type().toUpperCase())) {
                    problems.add(at + ".sortkey.type: expected COMPOUND, INTERLEAVED or AUTO");
                }
            }
            if (t.unsortedPct() < 0 || t.unsortedPct() > 100 || t.statsOffPct() < 0 || t.statsOffPct() > 100) {
                problems.add(at + ": unsortedPct and statsOffPct are percentages (0-100)");
            }
            if (t.modifiedPct() != null && (t.modifiedPct() < 0 || t.modifiedPct() > 100)) {
                problems.add(at + ".modifiedPct: a percentage (0-100), found " + t.modifiedPct());
            }
            if (t.owner() != null && !userNames.contains(t.owner())) {
                problems.add(at + ".owner: '" + t.owner() + "' is not a scenario user");
            }
            if (t.deletedRows() > t.rows()) {
                problems.add(at + ".deletedRows: more deleted rows than rows");
            }
            for (Scenario.Column column : t.columns()) {
                if (column.values() != null || s.sampleRows() > 0) {
                    ColumnValues.of(t, column, Math.max(1, s.sampleRows()), at, problems);
                }
            }
            String database = database(t.database(), databases, at, problems);
            tables.add(new Scenario.Table(t.schema() == null ? "public" : t.schema(), t.name(), t.columns(), style,
                    t.distkey(), t.distkeyValues(), t.sortkey(), t.rows(), t.unsortedPct(), t.statsOffPct(), t.deletedRows(),
                    t.age() == null ? Duration.ofDays(30) : t.age(), t.vacuumSortBenefit(), database, t.modifiedPct(), t.owner()));
        }
        TableLookup<Scenario.Table> tableNames = new TableLookup<>();
        tables.forEach(t -> tableNames.add(t.database() == null ? home : t.database(), t.schema(), t.name(), t));
        List<Scenario.Query> queries = new ArrayList<>();
        for (int i = 0; i < orEmpty(s.queries()).size(); i++) {
            Scenario.Query q = s.queries().get(i);
            String at = "queries[" + i + "]";
            if (q.text() == null) {
                problems.add(at + ".text: missing");
                continue;
            }
            if (q.user() != null && !userNames.contains(q.user())) {
                problems.add(at + ".user: '" + q.user() + "' is not a scenario user");
            }
            String database = database(q.database(), databases, at, problems);
            List<Scenario.Scan> scans = scans(q.scans(), database == null ? home : database, tableNames, false, cluster, at, problems);
            writes(q.writes(), database == null ? home : database, tableNames, at, problems);
            workOfAStatement(q.text(), scans, q.steps(), q.writes(), at, problems);
            queries.add(new Scenario.Query(q.text(), q.user() == null ? users.get(0).name() : q.user(),
                    q.ago() == null ? Duration.ofHours(1) : q.ago(), q.serviceClass() == 0 ? 6 : q.serviceClass(),
                    q.queueMillis(), q.execMillis(), q.compileMillis(), q.aborted(), scans, orEmpty(q.alerts()),
                    orEmpty(q.steps()), orEmpty(q.plan()), database, label(q.label(), at, problems), orEmpty(q.writes()),
                    childQueries(q.childQueries(), at, problems)));
        }
        Scenario.Generator generator = s.generator();
        if (generator != null) {
            List<Scenario.Pattern> patterns = new ArrayList<>();
            for (int i = 0; i < orEmpty(generator.patterns()).size(); i++) {
                Scenario.Pattern p = generator.patterns().get(i);
                String at = "generator.patterns[" + i + "]";
                if (p.text() == null || p.weight() <= 0) {
                    problems.add(at + ": a pattern needs text and a positive weight");
                    continue;
                }
                String database = database(p.database(), databases, at, problems);
                // "*" picks one of the generated tables, which live in the default database.
                boolean generated = generator.tables() > 0 && database == null;
                List<Scenario.Scan> scans = scans(p.scans(), database == null ? home : database, tableNames, generated, cluster, at,
                        problems);
                writes(p.writes(), database == null ? home : database, tableNames, at, problems);
                workOfAStatement(p.text(), scans, p.steps(), p.writes(), at, problems);
                patterns.add(new Scenario.Pattern(p.text(), p.user() == null ? users.get(0).name() : p.user(), p.weight(),
                        p.serviceClass() == 0 ? 6 : p.serviceClass(), p.execMillis(), p.queueMillis(), p.compileShare(),
                        p.compileMillis(), scans, orEmpty(p.alerts()), orEmpty(p.steps()), database, label(p.label(), at, problems),
                        orEmpty(p.writes()), childQueries(p.childQueries(), at, problems), orEmpty(p.plan())));
            }
            if (patterns.isEmpty()) {
                problems.add("generator.patterns: at least one pattern is needed");
            }
            generator = new Scenario.Generator(generator.seed(), generator.tables(), generator.queries(),
                    generator.window() == null ? Duration.ofDays(1) : generator.window(), patterns);
        }
        for (Scenario.Advice a : orEmpty(s.advisor())) {
            if (tableNames.find(a.table(), home) == null) {
                problems.add("advisor: table '" + a.table() + "' is not a scenario table");
            }
        }
        for (Scenario.Maintenance m : orEmpty(s.history())) {
            if (tableNames.find(m.table(), home) == null) {
                problems.add("history: table '" + m.table() + "' is not a scenario table");
            }
            if (!Set.of("vacuum", "analyze").contains(String.valueOf(m.kind()))) {
                problems.add("history: kind must be vacuum or analyze, found " + m.kind());
            }
        }
        StateCheck state = new StateCheck(new ActivityCheck(userNames, tableNames, home, databases, s.live() != null, problems), databases,
                s.live() != null, problems);
        List<Scenario.Inflight> inflight = state.inflight(orEmpty(s.inflight()), users.isEmpty() ? null : users.get(0).name());
        List<Scenario.Transaction> transactions = state.transactions(orEmpty(s.transactions()));
        Activity activity = Activity.normalise(s.activity(), userNames, tableNames, home, databases, s.live() != null, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("scenario " + origin + " is invalid:\n  - " + String.join("\n  - ", problems));
        }
        List<Scenario.Queue> queues = orEmpty(s.queues()).isEmpty()
                ? List.of(new Scenario.Queue(6, "Default queue", 5, 512)) : s.queues();
        tables.addAll(WorkloadGenerator.tables(generator));
        return new Scenario(s.name() == null ? origin : s.name(), s.description(), cluster, home, databases, users, tables,
                queues, queries, generator, inflight, transactions, orEmpty(s.advisor()), orEmpty(s.history()),
                live(s.live()), s.sampleRows(), activity);
    }

    /** Scans with their per-slice figures completed; each must name a table of the database (or "*" when allowed). */
    private static List<Scenario.Scan> scans(List<Scenario.Scan> given, String database, TableLookup<Scenario.Table> tables,
                                             boolean generatedAllowed, Scenario.Cluster cluster, String at, List<String> problems) {
        List<Scenario.Scan> scans = new ArrayList<>();
        for (int j = 0; j < orEmpty(given).size(); j++) {
            Scenario.Scan scan = given.get(j);
            if (tables.find(scan.table(), database) == null && !("*".equals(scan.table()) && generatedAllowed)) {
                problems.add(at + ".scans: table '" + scan.table() + "' is not a scenario table of database " + database);
            }
            scans.add(ScanSlices.normalise(scan, cluster.slices(), at + ".scans[" + j + "]", problems));
        }
        return scans;
    }

    /**
     * Writes name tables of the statement's database and row counts that are not negative. (Not "*":
     * picking a generated table would take a draw from the generator's seed and change its workload.)
     */
    private static void writes(List<Scenario.Write> given, String database, TableLookup<Scenario.Table> tables, String at,
                               List<String> problems) {
        for (int j = 0; j < orEmpty(given).size(); j++) {
            Scenario.Write write = given.get(j);
            if (tables.find(write.table(), database) == null) {
                problems.add(at + ".writes[" + j + "]: table '" + write.table() + "' is not a scenario table of database " + database);
            }
            if (write.rows() < 0 || write.millis() < 0) {
                problems.add(at + ".writes[" + j + "]: rows and millis cannot be negative");
            }
        }
    }

    /**
     * DDL and utility statements are logged as text only (STL_DDLTEXT, STL_UTILITYTEXT,
     * SYS_QUERY_HISTORY), so scans, steps or writes given for one would show nowhere: say so.
     */
    private static void workOfAStatement(String text, List<Scenario.Scan> scans, List<Scenario.Step> steps,
                                         List<Scenario.Write> writes, String at, List<String> problems) {
        StatementKind kind = StatementKind.of(text);
        if (kind != StatementKind.QUERY && (!scans.isEmpty() || !orEmpty(steps).isEmpty() || !orEmpty(writes).isEmpty())) {
            problems.add(at + ": a " + kind + " statement is logged as text only; leave out its scans, steps and writes");
        }
    }

    /** A query_group label: Redshift's label columns hold 320 characters. */
    static String label(String label, String at, List<String> problems) {
        if (label != null && label.length() > 320) {
            problems.add(at + ".label: at most 320 characters, found " + label.length());
        }
        return label == null || label.isEmpty() ? null : label;
    }

    /** Child queries of a rewritten query: 1 (the query itself) when not given. */
    private static int childQueries(int given, String at, List<String> problems) {
        if (given < 0) {
            problems.add(at + ".childQueries: 1 or more, found " + given);
        }
        return Math.max(1, given);
    }

    /** The cluster's databases, the default one first; {@code database} alone means a one-database cluster. */
    private static List<String> databases(Scenario s, List<String> problems) {
        List<String> listed = orEmpty(s.databases());
        String home = s.database() != null ? s.database() : listed.isEmpty() ? "dev" : listed.get(0);
        List<String> databases = new ArrayList<>(List.of(home));
        Set<String> seen = new HashSet<>();
        for (String name : listed) {
            if (name == null || name.isBlank() || name.indexOf('.') >= 0) {
                problems.add("databases: '" + name + "' is not a database name");
            } else if (!seen.add(name)) {
                problems.add("databases: '" + name + "' is listed twice");
            } else if (!name.equals(home)) {
                databases.add(name);
            }
        }
        if (!listed.isEmpty() && !listed.contains(home)) {
            problems.add("database: the default database '" + home + "' is not one of databases " + listed);
        }
        return List.copyOf(databases);
    }

    /** A database named by a table, query or pattern; {@code null} for the default one (see {@link Scenario#databaseOf}). */
    static String database(String named, List<String> databases, String at, List<String> problems) {
        if (named == null || named.equals(databases.get(0))) {
            return null;
        }
        if (!databases.contains(named)) {
            problems.add(at + ".database: '" + named + "' is not one of the scenario's databases " + databases);
        }
        return named;
    }

    private static Scenario.Live live(Scenario.Live l) {
        if (l == null) {
            return null;
        }
        return new Scenario.Live(l.tick() == null ? Duration.ofSeconds(10) : l.tick(),
                l.queriesPerMinute() <= 0 ? 60 : l.queriesPerMinute(), l.tablesPerTick() <= 0 ? 2 : l.tablesPerTick(),
                l.loadPercent() <= 0 ? 1 : l.loadPercent(), l.deletePercent() <= 0 ? 0.5 : l.deletePercent(),
                l.autoVacuumChance(), l.autoAnalyzeChance());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
