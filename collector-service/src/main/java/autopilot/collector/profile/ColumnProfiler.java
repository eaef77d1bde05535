package autopilot.collector.profile;

import autopilot.collector.CollectorMetrics;
import autopilot.collector.config.CollectorConfig;
import autopilot.collector.source.RowSink;
import autopilot.redshift.Identifiers;
import autopilot.sql.QueryShape;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code column_profile} source: learns the workload's join columns from the collected queries,
 * profiles the tables that are due (a few per collection, the most joined first, each at most once
 * per interval, only tables the monitoring user may read), keeps the profiles in the state, and
 * publishes the latest profile of every column of every existing table each table-health cycle, so
 * every snapshot carries the whole evidence and {@code profiled_at} says how old each part is.
 */
@ApplicationScoped
public class ColumnProfiler {

    /** The source's name. */
    public static final String SOURCE = "column_profile";

    private final ProfileSettings settings;
    private final StoredProfileState stored;
    private final MeterRegistry registry;
    private final Clock clock;
    private final long collectorTimeoutMillis;
    private final Map<String, JoinColumns> joins = new ConcurrentHashMap<>();
    /** Where {@link #prepare} parses: one daemon thread, idle between table-health collections. */
    private final java.util.concurrent.Executor parsing = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "collector-join-parse");
        t.setDaemon(true);
        return t;
    });

    ColumnProfiler(CollectorConfig config, StoredProfileState stored, MeterRegistry registry, Clock clock) {
        this.settings = ProfileSettings.of(config.profile());
        this.stored = stored;
        this.registry = registry;
        this.clock = clock;
        this.collectorTimeoutMillis = config.statementTimeout().toMillis();
    }

    /** Checks the settings at start-up (the constructor throws, naming the key) rather than at the first collection. */
    void validateAtStartup(@Observes StartupEvent start) {
        Log.debugf("Column profiles: %s", settings);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** A query the workload collection read: its equality joins are candidates for profiling. */
    public void observe(String clusterId, String database, String text) {
        if (settings.enabled()) {
            joins.computeIfAbsent(clusterId, id -> new JoinColumns()).observe(database, text);
        }
    }

    /**
     * Starts parsing the texts waiting for the next profile of these databases, on a thread of its own,
     * so that parsing (JSqlParser, milliseconds a text, up to 500 texts a database) overlaps the reads
     * of the table-health sources that come before the profile; the profile's take waits for it.
     */
    public void prepare(String clusterId, List<String> databases) {
        JoinColumns cluster = settings.enabled() ? joins.get(clusterId) : null;
        if (cluster != null) {
            parsing.execute(() -> databases.forEach(cluster::parseWaiting));
        }
    }

    /** The state kept in the collector's database (the service), or none (one-shot mode: a state of its own for one run). */
    public ProfileState state(boolean persistent) {
        return persistent ? stored : new MemoryProfileState();
    }

    /**
     * Profiles what is due on a database and writes every current profile of it to the sink. Its tables
     * are what this collection read of it ({@code known}: SVV_TABLE_INFO and PG_TABLE_DEF as the
     * table_info and table_columns sources, listed before this one, streamed them). Returns the rows written.
     */
    public long collect(String clusterId, Connection connection, String database, CatalogRows known, ProfileState state, RowSink sink)
            throws SQLException {
        Instant now = clock.instant();
        List<CatalogTable> catalog = known.tables(database).orElseThrow(() -> new IllegalStateException(
                "column profiles of " + database + " need its table_info and table_columns rows of the same collection"));
        Map<QueryShape, Long> shapes = joins.computeIfAbsent(clusterId, id -> new JoinColumns()).take(database);
        Map<ProfilePlan.TableColumn, Long> seen = ProfilePlan.resolve(shapes, catalog);
        if (!seen.isEmpty()) {
            state.addJoins(clusterId, database, seen, now);
        }
        Map<String, Set<String>> profiledColumns = new HashMap<>();
        for (ColumnProfile p : state.profiles(clusterId, database)) {
            profiledColumns.computeIfAbsent(ProfilePlan.key(p.schema(), p.table()), k -> new HashSet<>()).add(p.column());
        }
        List<ProfilePlan.Target> due = ProfilePlan.due(catalog, state.joins(clusterId, database), state.lastProfiled(clusterId, database),
                profiledColumns, settings, now);
        profileDue(clusterId, connection, database, due, state);
        Map<String, Long> ids = new HashMap<>();
        catalog.forEach(t -> ids.put(ProfilePlan.key(t.schema(), t.table()), t.tableId()));
        sink.columns(ColumnProfile.COLUMNS);
        long rows = 0;
        for (ColumnProfile p : state.profiles(clusterId, database)) {
            Long id = ids.get(ProfilePlan.key(p.schema(), p.table()));
            if (id != null) { // a dropped table's profile is stale evidence
                sink.row(p.withTableId(id).values());
                rows++;
            }
        }
        return rows;
    }

    private void profileDue(String clusterId, Connection connection, String database, List<ProfilePlan.Target> due, ProfileState state)
            throws SQLException {
        if (due.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        int profiled = 0;
        int failed = 0;
        int unreadable = 0;
        try (Statement st = connection.createStatement()) {
            st.execute(ProfileStatements.statementTimeout(settings.statementTimeout().toMillis()));
        }
        try {
            for (ProfilePlan.Target target : due) {
                if (profiled + failed >= settings.maxTables()) {
                    break;
                }
                CatalogTable t = target.table();
                if (!canRead(connection, t)) {
                    unreadable++;
                    count(clusterId, "unreadable");
                    Log.debugf("Cluster %s: no SELECT on %s.%s, not profiled", clusterId, t.schema(), t.table());
                    continue;
                }
                Instant at = clock.instant();
                try {
                    state.profiled(clusterId, database, t.schema(), t.table(), profile(connection, target, at), "profiled", at);
                    profiled++;
                    count(clusterId, "profiled");
                } catch (SQLException e) {
                    // One table failing (timeout, dropped meanwhile) must not cost the others: tried again after the interval.
                    state.profiled(clusterId, database, t.schema(), t.table(), List.of(), "failed: " + e.getSQLState(), at);
                    failed++;
                    count(clusterId, "failed");
                    Log.warnf("Cluster %s: profile of %s.%s failed (SQLSTATE %s): %s", clusterId, t.schema(), t.table(),
                            e.getSQLState(), e.getMessage());
                }
            }
        } finally {
            try (Statement st = connection.createStatement()) {
                st.execute(ProfileStatements.statementTimeout(collectorTimeoutMillis));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        registry.timer(CollectorMetrics.PROFILE_DURATION, "cluster", clusterId).record(took);
        Log.infof("Cluster %s: profiled %d table(s) in %.1f s (%d due, %d failed, %d not readable)", clusterId, profiled,
                took.toMillis() / 1000.0, due.size(), failed, unreadable);
    }

    private void count(String clusterId, String outcome) {
        registry.counter(CollectorMetrics.PROFILE_TABLES, "cluster", clusterId, "outcome", outcome).increment();
    }

    private static boolean canRead(Connection connection, CatalogTable t) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(ProfileStatements.CAN_READ)) {
            ps.setString(1, Identifiers.qualified(t.schema(), t.table()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static List<ColumnProfile> profile(Connection connection, ProfilePlan.Target target, Instant at) throws SQLException {
        CatalogTable t = target.table();
        List<Boolean> textKeys = target.keyColumns().stream()
                .map(k -> t.column(k).flatMap(CatalogTable.Column::declaredLength).isPresent()).toList();
        List<ColumnProfile> profiles = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(ProfileStatements.aggregate(t.schema(), t.table(), target.keyColumns(), textKeys,
                     target.lengthColumns()))) {
            rs.next();
            long rows = rs.getLong(1);
            int i = 2;
            for (int k = 0; k < target.keyColumns().size(); k++) {
                String column = target.keyColumns().get(k);
                long nonNull = rs.getLong(i++);
                long distinct = rs.getLong(i++);
                Integer length = textKeys.get(k) ? integer(rs, i++) : null;
                long top = nonNull == 0 ? 0 : topValue(connection, t, column);
                profiles.add(new ColumnProfile(t.database(), t.schema(), t.tableId(), t.table(), column, rows, nonNull, distinct, top,
                        length, at));
            }
            for (String column : target.lengthColumns()) {
                long nonNull = rs.getLong(i++);
                profiles.add(new ColumnProfile(t.database(), t.schema(), t.tableId(), t.table(), column, rows, nonNull, null, null,
                        integer(rs, i++), at));
            }
        }
        return profiles;
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static long topValue(Connection connection, CatalogTable t, String column) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(ProfileStatements.topValue(t.schema(), t.table(), column))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
