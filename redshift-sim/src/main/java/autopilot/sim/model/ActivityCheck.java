package autopilot.sim.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fills the defaults of a scenario's {@link Activity} and checks it against the rest of the
 * scenario; every problem names its path ({@code activity.loads[2].table: 'x' is not a scenario table}).
 */
final class ActivityCheck {

    static final Set<String> FORMATS = Set.of("csv", "text", "json", "avro", "orc", "parquet");
    static final Set<String> RULE_ACTIONS = Set.of("log", "hop", "abort", "change_query_priority");
    static final Set<String> PRIORITIES = Set.of("highest", "high", "normal", "low", "lowest");
    static final Set<String> METRICS = Set.of("query_execution_time", "query_queue_time", "scan_row_count", "query_temp_blocks_to_disk");
    static final Set<String> USER_ACTIONS = Set.of("create", "alter", "rename", "drop");
    static final Set<String> EXTERNAL_FORMATS = Set.of("parquet", "orc", "textfile", "json");

    private final Set<String> users;
    private final TableLookup<Scenario.Table> tables;
    private final String home;
    private final List<String> databases;
    private final boolean live;
    private final List<String> problems;

    ActivityCheck(Set<String> users, TableLookup<Scenario.Table> tables, String home, List<String> databases, boolean live,
                  List<String> problems) {
        this.users = users;
        this.tables = tables;
        this.home = home;
        this.databases = databases;
        this.live = live;
        this.problems = problems;
    }

    Activity normalise(Activity a) {
        List<Activity.Session> sessions = sessions(a.sessions());
        List<Activity.AuthFailure> failures = new ArrayList<>();
        for (int i = 0; i < a.authFailures().size(); i++) {
            Activity.AuthFailure f = a.authFailures().get(i);
            String at = "activity.authFailures[" + i + "]";
            if (f.user() == null || f.user().isBlank()) {
                problems.add(at + ".user: the user name tried is needed");
            }
            failures.add(new Activity.AuthFailure(f.user(), database(f.database(), at), ago(f.ago(), at),
                    f.remoteHost() == null ? "10.0.0.10" : f.remoteHost(), f.application() == null ? "" : f.application()));
        }
        List<Activity.Load> loads = new ArrayList<>();
        for (int i = 0; i < a.loads().size(); i++) {
            loads.add(load(a.loads().get(i), "activity.loads[" + i + "]"));
        }
        List<Activity.Unload> unloads = new ArrayList<>();
        for (int i = 0; i < a.unloads().size(); i++) {
            Activity.Unload u = a.unloads().get(i);
            String at = "activity.unloads[" + i + "]";
            table(u.table(), at);
            if (u.path() == null || !u.path().startsWith("s3://")) {
                problems.add(at + ".path: an S3 prefix (s3://bucket/prefix) is needed, found " + u.path());
            }
            String format = u.format() == null ? "text" : u.format().toLowerCase(Locale.ROOT);
            if (!Set.of("text", "csv", "json", "parquet").contains(format)) {
                problems.add(at + ".format: expected text, csv, json or parquet, found " + u.format());
            }
            unloads.add(new Activity.Unload(u.table(), user(u.user(), at), ago(u.ago(), at), u.path(), format, positive(u.files(), 1, at + ".files"),
                    u.rows(), u.bytes() == null ? u.rows() * 100 : u.bytes(), u.millis() == null ? 1000 : u.millis(),
                    u.serviceClass() == null ? 6 : u.serviceClass()));
        }
        return new Activity(sessions, failures, cursors(a.cursors(), sessions), conflicts(a.conflicts()), commits(a.commits()), loads,
                unloads, rules(a.qmrRules()), classification(a.classification()), disk(a.disk()), usage(a.usage()),
                externalSchemas(a.externalSchemas()), userlog(a.userlog()));
    }

    private List<Activity.Session> sessions(List<Activity.Session> given) {
        List<Activity.Session> sessions = new ArrayList<>();
        Set<Integer> pids = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            Activity.Session s = given.get(i);
            String at = "activity.sessions[" + i + "]";
            Duration ago = ago(s.ago(), at);
            if (s.ended() != null && (s.ended().isNegative() || s.ended().compareTo(ago) > 0)) {
                problems.add(at + ".ended: a session ends after it started (ended " + s.ended() + " ago, started " + ago + " ago)");
            }
            int pid = s.pid() == null ? 40_000 + i : s.pid();
            if (!pids.add(pid)) {
                problems.add(at + ".pid: " + pid + " is the pid of another session");
            }
            if (s.timeoutSeconds() < 0) {
                problems.add(at + ".timeoutSeconds: 0 (none) or more, found " + s.timeoutSeconds());
            }
            sessions.add(new Activity.Session(user(s.user(), at), database(s.database(), at), ago, s.ended(), pid,
                    s.application() == null ? "" : s.application(), s.remoteHost() == null ? "10.0.0.10" : s.remoteHost(),
                    s.driver() == null ? "" : s.driver(), s.ssl(), s.timeoutSeconds()));
        }
        return sessions;
    }

    private List<Activity.Cursor> cursors(List<Activity.Cursor> given, List<Activity.Session> sessions) {
        List<Activity.Cursor> cursors = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Activity.Cursor c = given.get(i);
            String at = "activity.cursors[" + i + "]";
            String user = user(c.user(), at);
            // A cursor lives in a transaction of an open session of its owner.
            Activity.Session session = sessions.stream()
                    .filter(s -> s.ended() == null && s.user().equals(user) && (c.pid() == null || s.pid().equals(c.pid())))
                    .findFirst().orElse(null);
            if (session == null) {
                problems.add(at + ": " + (c.pid() == null ? "user '" + user + "' has no open session"
                        : "pid " + c.pid() + " is not an open session of user '" + user + "'"));
            }
            if (c.name() == null || c.name().isBlank()) {
                problems.add(at + ".name: missing");
            }
            if (c.rows() < 0 || c.fetchedRows() < 0 || c.fetchedRows() > c.rows()) {
                problems.add(at + ": expected 0 <= fetchedRows <= rows, found " + c.fetchedRows() + " of " + c.rows());
            }
            Duration ago = ago(c.ago(), at);
            if (session != null && ago.compareTo(session.ago()) > 0) {
                problems.add(at + ".ago: declared before its session started");
            }
            cursors.add(new Activity.Cursor(user, session == null ? c.pid() : session.pid(), c.name(), ago, c.rows(),
                    c.bytes() == null ? c.rows() * 100 : c.bytes(), c.fetchedRows()));
        }
        return cursors;
    }

    private List<Activity.Conflict> conflicts(List<Activity.Conflict> given) {
        List<Activity.Conflict> conflicts = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Activity.Conflict c = given.get(i);
            String at = "activity.conflicts[" + i + "]";
            table(c.table(), at);
            conflicts.add(new Activity.Conflict(c.table(), ago(c.ago(), at), c.ran() == null ? Duration.ofSeconds(5) : c.ran(),
                    c.pid() == null ? 47_000 + i : c.pid()));
        }
        return conflicts;
    }

    private List<Activity.Commit> commits(List<Activity.Commit> given) {
        List<Activity.Commit> commits = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Activity.Commit c = given.get(i);
            String at = "activity.commits[" + i + "]";
            if (c.queueMillis() < 0 || (c.commitMillis() != null && c.commitMillis() < 0) || c.newBlocks() < 0) {
                problems.add(at + ": times and blocks are 0 or more");
            }
            commits.add(new Activity.Commit(ago(c.ago(), at), c.queueMillis(), c.commitMillis() == null ? 200 : c.commitMillis(),
                    c.newBlocks(), c.queueLength() == null ? (c.queueMillis() > 0 ? 1 : 0) : c.queueLength()));
        }
        return commits;
    }

    private Activity.Load load(Activity.Load l, String at) {
        Scenario.Table table = table(l.table(), at);
        if (l.source() == null || !l.source().matches("s3://[^/]+/.*")) {
            problems.add(at + ".source: an S3 prefix (s3://bucket/prefix/) is needed, found " + l.source());
        }
        String format = l.format() == null ? "csv" : l.format().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            problems.add(at + ".format: expected one of " + new java.util.TreeSet<>(FORMATS) + ", found " + l.format());
        }
        int files = positive(l.files(), 1, at + ".files");
        List<Activity.LoadError> errors = new ArrayList<>();
        for (int j = 0; j < (l.errors() == null ? 0 : l.errors().size()); j++) {
            Activity.LoadError e = l.errors().get(j);
            String eat = at + ".errors[" + j + "]";
            if (e.file() < 0 || e.file() >= files) {
                problems.add(eat + ".file: the load has " + files + " file(s), found " + e.file());
            }
            if (table != null && table.columns().stream().noneMatch(c -> c.name().equals(e.column()))) {
                problems.add(eat + ".column: '" + e.column() + "' is not a column of " + table.schema() + "." + table.name());
            }
            if (e.code() <= 0 || e.reason() == null || e.reason().isBlank()) {
                problems.add(eat + ": an error needs its code (e.g. 1207) and reason");
            }
            if (e.line() <= 0) {
                problems.add(eat + ".line: line numbers start at 1, found " + e.line());
            }
            String value = e.value() == null ? "" : e.value();
            errors.add(new Activity.LoadError(e.file(), e.line(), e.column(), e.code(), e.reason(), value,
                    e.rawLine() == null ? value : e.rawLine(), e.position()));
        }
        if (l.rows() < errors.size()) {
            problems.add(at + ".rows: the files hold at least their " + errors.size() + " rejected line(s), found " + l.rows());
        }
        if (l.maxErrors() < 0) {
            problems.add(at + ".maxErrors: 0 or more, found " + l.maxErrors());
        }
        TimelineCheck.load(l.repeatEvery(), l.failUntil(), errors.size(), l.maxErrors(), live, at, problems);
        return new Activity.Load(l.table(), user(l.user(), at), ago(l.ago(), at), l.source(), format, files, l.rows(),
                l.bytes() == null ? l.rows() * 100 : l.bytes(), l.queueMillis(), l.millis() == null ? 1000 : l.millis(),
                l.serviceClass() == null ? 6 : l.serviceClass(), l.maxErrors(), errors, l.commitQueueMillis(),
                l.commitMillis() == null ? 200 : l.commitMillis(), l.repeatEvery(), l.failUntil());
    }

    private List<Activity.QmrRule> rules(List<Activity.QmrRule> given) {
        List<Activity.QmrRule> rules = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < given.size(); i++) {
            Activity.QmrRule r = given.get(i);
            String at = "activity.qmrRules[" + i + "]";
            // Rules exist only for user-defined queues (service class 6 and up on manual WLM).
            if (r.serviceClass() < 6) {
                problems.add(at + ".serviceClass: rules belong to user-defined queues (6 and up), found " + r.serviceClass());
            }
            if (r.name() == null || r.name().isBlank()) {
                problems.add(at + ".name: missing");
            } else if (names.put(r.serviceClass() + "/" + r.name(), i) != null) {
                problems.add(at + ".name: '" + r.name() + "' is already a rule of queue " + r.serviceClass());
            }
            String action = r.action() == null ? "log" : r.action().toLowerCase(Locale.ROOT);
            if (!RULE_ACTIONS.contains(action)) {
                problems.add(at + ".action: expected log, hop, abort or change_query_priority, found " + r.action());
            }
            String value = r.actionValue() == null ? "" : r.actionValue().toLowerCase(Locale.ROOT);
            if (action.equals("change_query_priority") != PRIORITIES.contains(value)) {
                problems.add(at + ".actionValue: change_query_priority takes a priority (highest, high, normal, low, lowest); "
                        + "other actions none, found '" + value + "'");
            }
            List<Activity.Predicate> predicates = r.predicates() == null ? List.of() : r.predicates();
            if (predicates.isEmpty() || predicates.size() > 3) {
                problems.add(at + ".predicates: a rule has one to three predicates, found " + predicates.size());
            }
            for (int j = 0; j < predicates.size(); j++) {
                Activity.Predicate p = predicates.get(j);
                if (!METRICS.contains(p.metric())) {
                    problems.add(at + ".predicates[" + j + "].metric: expected one of " + new java.util.TreeSet<>(METRICS) + ", found " + p.metric());
                }
                if (!Set.of(">", "<", "=").contains(p.operator())) {
                    problems.add(at + ".predicates[" + j + "].operator: expected >, < or =, found " + p.operator());
                }
            }
            rules.add(new Activity.QmrRule(r.serviceClass(), r.name(), action, value, List.copyOf(predicates)));
        }
        return rules;
    }

    private List<Activity.Classification> classification(List<Activity.Classification> given) {
        List<Activity.Classification> result = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Activity.Classification c = given.get(i);
            List<String> userGroups = c.userGroups() == null ? List.of() : c.userGroups();
            List<String> queryGroups = c.queryGroups() == null ? List.of() : c.queryGroups();
            if (userGroups.isEmpty() && queryGroups.isEmpty()) {
                problems.add("activity.classification[" + i + "]: name user groups or query groups for queue " + c.serviceClass());
            }
            result.add(new Activity.Classification(c.serviceClass(), userGroups, queryGroups));
        }
        return result;
    }

    private Activity.Disk disk(Activity.Disk d) {
        int partitions = d.partitionsPerNode() == null ? 2 : d.partitionsPerNode();
        if (partitions < 1 || partitions > 64) {
            problems.add("activity.disk.partitionsPerNode: 1 to 64, found " + partitions);
        }
        if (d.extraUsedPct() < 0 || d.extraUsedPct() > 100) {
            problems.add("activity.disk.extraUsedPct: a percentage (0-100), found " + d.extraUsedPct());
        }
        TimelineCheck.disk(d, live, problems);
        return new Activity.Disk(partitions, d.extraUsedPct(), d.growthPctPerHour(), d.until(), d.freedPct());
    }

    private Activity.Usage usage(Activity.Usage u) {
        int rpu = u.baseRpu() == null ? 128 : u.baseRpu();
        if (rpu < 8 || rpu > 1024 || rpu % 8 != 0) {
            problems.add("activity.usage.baseRpu: 8 to 1024 in steps of 8, found " + rpu);
        }
        List<Activity.ScalingPeriod> periods = new ArrayList<>();
        for (int i = 0; i < u.concurrencyScaling().size(); i++) {
            Activity.ScalingPeriod p = u.concurrencyScaling().get(i);
            String at = "activity.usage.concurrencyScaling[" + i + "]";
            Duration ago = ago(p.ago(), at);
            Duration length = p.duration() == null ? Duration.ofMinutes(30) : p.duration();
            if (length.isNegative() || length.isZero() || length.compareTo(ago) > 0) {
                problems.add(at + ".duration: positive and over by load time, found " + length + " starting " + ago + " ago");
            }
            if (p.queries() != null && p.queries() < 0) {
                problems.add(at + ".queries: 0 or more, found " + p.queries());
            }
            periods.add(new Activity.ScalingPeriod(ago, length, p.serviceClass() == null ? 6 : p.serviceClass(), p.queries()));
        }
        return new Activity.Usage(rpu, periods);
    }

    private List<Activity.ExternalSchema> externalSchemas(List<Activity.ExternalSchema> given) {
        List<Activity.ExternalSchema> schemas = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Activity.ExternalSchema s = given.get(i);
            String at = "activity.externalSchemas[" + i + "]";
            if (s.name() == null || !s.name().matches("[a-z_][a-z0-9_]*")) {
                problems.add(at + ".name: a lower-case schema name is needed, found " + s.name());
            }
            int kind = s.kind() == null ? 1 : s.kind();
            if (!Set.of(1, 2, 3, 8).contains(kind)) {
                problems.add(at + ".kind: 1 (Data Catalog), 2 (Hive metastore), 3 (PostgreSQL) or 8 (MySQL), found " + kind);
            }
            if (s.owner() != null && !users.contains(s.owner())) {
                problems.add(at + ".owner: '" + s.owner() + "' is not a scenario user");
            }
            for (String grantee : s.grantees() == null ? List.<String>of() : s.grantees()) {
                if (!users.contains(grantee)) {
                    problems.add(at + ".grantees: '" + grantee + "' is not a scenario user");
                }
            }
            List<Activity.ExternalTable> tablesOf = new ArrayList<>();
            for (int j = 0; j < (s.tables() == null ? 0 : s.tables().size()); j++) {
                Activity.ExternalTable t = s.tables().get(j);
                String tat = at + ".tables[" + j + "]";
                String format = t.format() == null ? "parquet" : t.format().toLowerCase(Locale.ROOT);
                if (!EXTERNAL_FORMATS.contains(format)) {
                    problems.add(tat + ".format: expected one of " + new java.util.TreeSet<>(EXTERNAL_FORMATS) + ", found " + t.format());
                }
                if (t.name() == null || t.columns() == null || t.columns().isEmpty()) {
                    problems.add(tat + ": an external table needs a name and columns");
                }
                tablesOf.add(new Activity.ExternalTable(t.name(), t.location() == null ? "s3://external/" + s.name() + "/" + t.name() + "/"
                        : t.location(), format, t.columns() == null ? List.of() : t.columns(),
                        t.partitions() == null ? List.of() : t.partitions()));
            }
            schemas.add(new Activity.ExternalSchema(s.name(), s.database() == null ? s.name() : s.database(), kind,
                    s.iamRole() == null ? "" : s.iamRole(), s.owner(), s.grantees(), tablesOf));
        }
        return schemas;
    }

    private List<Activity.UserChange> userlog(List<Activity.UserChange> given) {
        List<Activity.UserChange> changes = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Activity.UserChange c = given.get(i);
            String at = "activity.userlog[" + i + "]";
            String action = c.action() == null ? "" : c.action().toLowerCase(Locale.ROOT);
            if (!USER_ACTIONS.contains(action)) {
                problems.add(at + ".action: expected create, alter, rename or drop, found " + c.action());
            }
            if (action.equals("rename") == (c.originalName() == null)) {
                problems.add(at + ".originalName: a rename names the old name, other changes none");
            }
            if (c.user() == null || c.user().isBlank()) {
                problems.add(at + ".user: missing");
            }
            changes.add(new Activity.UserChange(c.user(), action, ago(c.ago(), at), c.originalName()));
        }
        return changes;
    }

    Scenario.Table table(String reference, String at) {
        Scenario.Table table = tables.find(reference, home);
        if (table == null) {
            problems.add(at + ".table: '" + reference + "' is not a scenario table");
        }
        return table;
    }

    String user(String user, String at) {
        if (user == null) {
            problems.add(at + ".user: missing");
            return "";
        }
        if (!users.contains(user)) {
            problems.add(at + ".user: '" + user + "' is not a scenario user");
        }
        return user;
    }

    private String database(String database, String at) {
        if (database == null) {
            return home;
        }
        if (!databases.contains(database)) {
            problems.add(at + ".database: '" + database + "' is not one of the scenario's databases " + databases);
        }
        return database;
    }

    private Duration ago(Duration ago, String at) {
        if (ago == null) {
            problems.add(at + ".ago: missing (how long before load time, e.g. PT2H)");
            return Duration.ofMinutes(1);
        }
        if (ago.isNegative()) {
            problems.add(at + ".ago: in the past, found " + ago);
        }
        return ago;
    }

    private int positive(Integer value, int fallback, String at) {
        int v = value == null ? fallback : value;
        if (v < 1) {
            problems.add(at + ": 1 or more, found " + v);
        }
        return v;
    }
}
