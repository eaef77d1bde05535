package autopilot.collector.snapshot;

import autopilot.collector.CollectorMetrics;
import autopilot.collector.cluster.ClusterConnections;
import autopilot.collector.cluster.ClusterStatus;
import autopilot.collector.cluster.CollectorClusters;
import autopilot.collector.config.CollectorConfig;
import autopilot.collector.messaging.SnapshotPublisher;
import autopilot.collector.profile.CatalogRows;
import autopilot.collector.profile.ColumnProfiler;
import autopilot.collector.profile.ProfileState;
import autopilot.collector.source.RowSink;
import autopilot.collector.source.Source;
import autopilot.collector.source.SourceReader;
import autopilot.collector.source.UserMetrics;
import autopilot.collector.source.TableDefinitions;
import autopilot.collector.source.Sources;
import autopilot.collector.source.Window;
import autopilot.events.ClusterKind;
import autopilot.events.CollectionGapDetected;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.SnapshotPartCollected;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One collection of one cluster: reads each source of a group, cuts the rows into parts under the
 * message limit, publishes them, and only then advances the watermarks. Incremental sources read
 * the window (watermark, now - settle lag]; a watermark older than the cluster's log retention
 * whose window starts before the oldest row still kept is reported as a gap.
 */
@ApplicationScoped
public class CollectionService {

    private static final String PRODUCER = "collector-service";

    private final ClusterConnections clusters;
    private final CollectorClusters known;
    private final SnapshotPublisher publisher;
    private final Watermarks watermarks;
    private final CollectorConfig config;
    private final EventCodec codec;
    private final MeterRegistry registry;
    private final Clock clock;
    private final SourceReader reader;
    private final ColumnProfiler profiler;
    private final UserMetrics userMetrics;
    private final com.fasterxml.jackson.core.JsonFactory rowFactory;
    private final Map<String, ClusterStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Gauges hold their number weakly: keep one per cluster and update it. */
    private final Map<String, java.util.concurrent.atomic.AtomicLong> lags = new ConcurrentHashMap<>();

    CollectionService(ClusterConnections clusters, CollectorClusters known, SnapshotPublisher publisher, Watermarks watermarks, CollectorConfig config,
                      EventCodec codec, MeterRegistry registry, Clock clock, ColumnProfiler profiler,
                      UserMetrics userMetrics) {
        this.profiler = profiler;
        this.userMetrics = userMetrics;
        this.clusters = clusters;
        this.known = known;
        this.publisher = publisher;
        this.watermarks = watermarks;
        this.config = config;
        this.codec = codec;
        this.registry = registry;
        this.clock = clock;
        this.reader = new SourceReader(clusters.label());
        this.rowFactory = PartBuilder.rowFactory(codec.mapper());
    }

    /** Collects the given groups now and publishes them; returns the snapshot id. */
    public UUID collect(String clusterId, List<Source.Group> groups) {
        UUID snapshotId = UUID.randomUUID();
        collect(clusterId, groups, snapshotId, this::publish, true);
        return snapshotId;
    }

    /** Collects into a consumer instead of SQS (one-shot mode); watermarks are not moved. */
    public UUID collectInto(String clusterId, List<Source.Group> groups, Consumer<String> messages) {
        UUID snapshotId = UUID.randomUUID();
        collect(clusterId, groups, snapshotId, (event, body) -> messages.accept(body), false);
        return snapshotId;
    }

    /** Status of every configured cluster. */
    public Map<String, ClusterStatus> statuses() {
        Map<String, ClusterStatus> all = new LinkedHashMap<>();
        for (String id : known.ids()) {
            all.put(id, statuses.getOrDefault(id, new ClusterStatus(id, false, null, null, null, "not collected yet", 0)));
        }
        return all;
    }

    private interface Sink {
        void send(EventEnvelope<?> event, String body);
    }

    private void collect(String clusterId, List<Source.Group> groups, UUID snapshotId, Sink sink, boolean advanceWatermarks) {
        ReentrantLock lock = locks.computeIfAbsent(clusterId, id -> new ReentrantLock());
        lock.lock(); // one collection per cluster at a time: windows must not overlap
        long started = System.nanoTime();
        try (Connection connection = clusters.connect(clusterId); DatabaseSessions databases = new DatabaseSessions(clusterId, connection);
             OrderedPublication publication = new OrderedPublication(clusterId)) {
            ClusterKind kind = clusters.kind(clusterId, connection);
            Instant now = clock.instant();
            Instant to = now.minus(config.settleLag());
            Map<String, Window> windows = new LinkedHashMap<>();
            List<Source> sources = new ArrayList<>();
            // Workload first, whatever the order asked: its queries tell the column profile which columns are joined.
            for (Source.Group group : groups.stream().sorted(java.util.Comparator.comparing(g -> g != Source.Group.WORKLOAD)).toList()) {
                Sources.of(kind, group).stream().filter(s -> s != Sources.COLUMN_PROFILE || profiler.enabled())
                        .filter(s -> s != Sources.USER_METRICS || userMetrics.appliesTo(clusterId)).forEach(sources::add);
            }
            if (sources.stream().anyMatch(Sources::perDatabase) && databases.selected().isEmpty()) {
                // Nothing to read them from: the snapshot leaves them out rather than claim empty databases.
                Log.warnf("Cluster %s: no database selected for table health (%s); only cluster-wide sources are read",
                        clusterId, clusters.databases(clusterId));
                sources.removeIf(Sources::perDatabase);
            }
            ProfileState profiles = profiler.state(advanceWatermarks);
            for (Source source : sources) {
                if (source.incremental() && !windows.containsKey(source.watermark())) {
                    // One-shot mode keeps no state: it reads the initial lookback window.
                    Optional<Instant> stored = advanceWatermarks ? watermarks.get(clusterId, source.watermark()) : Optional.empty();
                    Instant from = stored.orElse(now.minus(config.initialLookback()));
                    windows.put(source.watermark(), new Window(from.isAfter(to) ? to : from, to));
                }
            }
            if (advanceWatermarks) {
                checkGaps(clusterId, kind, connection, windows, snapshotId, sink, now);
            }
            List<String> sourceNames = sources.stream().map(Source::name).toList();
            CatalogRows catalog = new CatalogRows();
            // The profile's join texts come from the queries source: once it is read (or at once, if this collection does not
            // read it), they are parsed on a thread of their own while the other sources are read.
            int texts = sources.indexOf(Sources.QUERIES);
            for (int i = 0; i < sources.size(); i++) {
                Source source = sources.get(i);
                if (i == texts + 1 && sources.contains(Sources.COLUMN_PROFILE)) {
                    profiler.prepare(clusterId, databases.selected());
                }
                collectSource(clusterId, kind, Sources.perDatabase(source) ? databases.sessions() : List.of(new Session(null, connection)),
                        source, windows.get(source.watermark()), snapshotId, sink, publication, now, sourceNames, profiles, catalog);
            }
            publication.awaitSent();
            if (advanceWatermarks) {
                windows.forEach((name, window) -> watermarks.advance(clusterId, name, window.to()));
            }
            ClusterStatus previous = statuses.get(clusterId);
            statuses.put(clusterId, new ClusterStatus(clusterId, true, kind.name(), clock.instant(), snapshotId.toString(), null,
                    previous == null ? 0 : previous.failures()));
            windows.values().stream().map(Window::to).min(Instant::compareTo).ifPresent(oldest -> lags.computeIfAbsent(clusterId,
                    id -> registry.gauge(CollectorMetrics.LAG_SECONDS, io.micrometer.core.instrument.Tags.of("cluster", id),
                            new java.util.concurrent.atomic.AtomicLong())).set(Duration.between(oldest, clock.instant()).toSeconds()));
        } catch (SQLException | RuntimeException e) {
            registry.counter(CollectorMetrics.FAILURES, "cluster", clusterId).increment();
            ClusterStatus previous = statuses.get(clusterId);
            statuses.put(clusterId, new ClusterStatus(clusterId, false, previous == null ? null : previous.kind(),
                    previous == null ? null : previous.lastCollection(), previous == null ? null : previous.lastSnapshotId(),
                    e.getMessage(), (previous == null ? 0 : previous.failures()) + 1));
            Log.warnf("Collection of cluster %s failed: %s", clusterId, e.getMessage());
            throw e instanceof RuntimeException r ? r : new ClusterUnavailableException(clusterId, (SQLException) e);
        } finally {
            registry.timer(CollectorMetrics.CYCLE, "cluster", clusterId).record(Duration.ofNanos(System.nanoTime() - started));
            lock.unlock();
        }
    }

    /**
     * The sessions of one collection to the cluster's selected databases: the collection's own
     * session for the configured database, one from that database's pool for each other, opened
     * when first needed and closed with the collection.
     */
    private final class DatabaseSessions implements AutoCloseable {
        private final String clusterId;
        private final Connection configured;
        private final Map<String, Connection> others = new LinkedHashMap<>();
        private List<String> selected;
        /** The database the configured session is in. */
        private String home;

        DatabaseSessions(String clusterId, Connection configured) {
            this.clusterId = clusterId;
            this.configured = configured;
        }

        List<String> selected() throws SQLException {
            if (selected == null) {
                selected = clusters.databases(clusterId).list(configured);
                try (Statement st = configured.createStatement(); ResultSet rs = st.executeQuery("SELECT current_database()")) {
                    rs.next();
                    home = rs.getString(1);
                }
            }
            return selected;
        }

        List<Session> sessions() throws SQLException {
            List<Session> sessions = new ArrayList<>();
            for (String database : selected()) {
                if (database.equals(home)) {
                    sessions.add(new Session(database, configured));
                } else {
                    Connection other = others.get(database);
                    if (other == null) {
                        // A database left out silently would look like its tables were dropped: fail, saying how to leave it out.
                        try {
                            other = clusters.connect(clusterId, database);
                        } catch (SQLException e) {
                            throw new SQLException("cannot connect to database " + database + " (" + e.getMessage() + "); grant the "
                                    + "monitoring user access to it, or leave it out with " + known.databasesDenyKey(clusterId), e.getSQLState(), e);
                        }
                        others.put(database, other);
                    }
                    sessions.add(new Session(database, other));
                }
            }
            return sessions;
        }

        @Override
        public void close() throws SQLException {
            SQLException failed = null;
            for (Connection other : others.values()) {
                try {
                    other.close();
                } catch (SQLException e) {
                    failed = e;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    /** A session a source is read through: to one database (per-database sources), or the configured one (database null). */
    private record Session(String database, Connection connection) {
    }

    private void collectSource(String clusterId, ClusterKind kind, List<Session> sessions, Source source, Window window,
                               UUID snapshotId, Sink sink, OrderedPublication publication, Instant now, List<String> sourceNames,
                               ProfileState profiles,
                               CatalogRows catalog) throws SQLException {
        List<String> columns = new ArrayList<>();
        // A recent source reads from now - lookback; its parts, like those of current state, carry no window.
        Window read = source.recent() ? new Window(now.minus(config.recentLookback()), now) : window;
        // The envelope, metadata and column names are the same in every part; the rows share the rest.
        PartBuilder[] builder = new PartBuilder[1];
        int[] queryText = {-1, -1};
        RowSink parts = new RowSink() {
            @Override
            public void columns(List<String> names) {
                columns.addAll(names);
                if (source == Sources.QUERIES) {
                    queryText[0] = names.indexOf("database");
                    queryText[1] = names.indexOf("querytxt");
                }
                SnapshotPartCollected empty = part(snapshotId, source, kind, window, now, 999_999, 999_999, columns, List.of(), sourceNames);
                int overhead = codec.encode(EventEnvelope.create(clusterId, PRODUCER, empty, clock))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 64;
                builder[0] = new PartBuilder(rowFactory, codec.mapper(), config.maxMessageBytes(), overhead);
            }

            @Override
            public void row(List<Object> values) {
                if (queryText[0] >= 0 && queryText[1] >= 0) { // only the queries source has both
                    profiler.observe(clusterId, (String) values.get(queryText[0]), (String) values.get(queryText[1]));
                }
                builder[0].add(values);
            }
        };
        // A per-database source reads each database in turn into the same parts: one source, every row naming its database.
        RowSink once = RowSink.columnsOnce(parts);
        long rows = 0;
        for (Session session : sessions) {
            Connection connection = session.connection();
            // The profile that follows takes its tables from these two sources' rows instead of reading them again.
            rows += source == Sources.COLUMN_PROFILE ? profiler.collect(clusterId, connection, session.database(), catalog, profiles, once)
                    : source == Sources.TABLE_COLUMNS ? TableDefinitions.read(connection, catalog.tableColumns(session.database(), once))
                    : source == Sources.TABLE_INFO ? reader.read(connection, kind, source, read, catalog.tableInfo(session.database(), once))
                    : source == Sources.USER_METRICS ? userMetrics.read(connection, clusterId, once)
                    : reader.read(connection, kind, source, read, once);
        }
        registry.counter(CollectorMetrics.ROWS_READ, "cluster", clusterId, "source", source.name()).increment(rows);
        List<EncodedRows> cut = builder[0].parts();
        // Encoded and sent while the next sources are read.
        publication.submit(() -> {
            for (int i = 0; i < cut.size(); i++) {
                SnapshotPartCollected part = part(snapshotId, source, kind, window, now, i + 1, cut.size(), columns, cut.get(i), sourceNames);
                EventEnvelope<SnapshotPartCollected> event = EventEnvelope.create(clusterId, PRODUCER, part, clock);
                String body = codec.encode(event);
                if (body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > config.maxMessageBytes()) {
                    throw new IllegalStateException("part " + (i + 1) + " of " + source.name() + " is " + body.length()
                            + " bytes, over the " + config.maxMessageBytes() + " limit");
                }
                sink.send(event, body);
            }
        }, builder[0].bytes());
    }

    private static SnapshotPartCollected part(UUID snapshotId, Source source, ClusterKind kind, Window window, Instant now,
                                              int number, int count, List<String> columns, List<List<Object>> rows,
                                              List<String> sourceNames) {
        return new SnapshotPartCollected(snapshotId, source.name(), kind, number, count,
                window == null ? null : window.from(), window == null ? null : window.to(), now, columns, rows, sourceNames);
    }

    private void checkGaps(String clusterId, ClusterKind kind, Connection connection, Map<String, Window> windows, UUID snapshotId,
                           Sink sink, Instant now) throws SQLException {
        Window workload = windows.get(Sources.WORKLOAD_WATERMARK);
        Optional<Instant> stored = watermarks.get(clusterId, Sources.WORKLOAD_WATERMARK);
        if (workload == null || stored.isEmpty() || stored.get().isAfter(now.minus(config.retentionFloor()))) {
            return;
        }
        String oldestSql = kind == ClusterKind.SERVERLESS ? "SELECT min(end_time) FROM sys_query_history" : "SELECT min(endtime) FROM stl_query";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(oldestSql)) {
            if (rs.next() && rs.getTimestamp(1) != null) {
                Instant oldest = rs.getTimestamp(1).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
                if (oldest.isAfter(stored.get())) {
                    CollectionGapDetected gap = new CollectionGapDetected(Sources.WORKLOAD_WATERMARK, stored.get(), oldest,
                            "the collector last read this cluster at " + stored.get() + ", longer ago than its system-log "
                                    + "retention; workload between then and " + oldest + " is no longer kept by Redshift");
                    registry.counter(CollectorMetrics.GAPS, "cluster", clusterId).increment();
                    Log.warnf("Cluster %s: collection gap from %s to %s", clusterId, stored.get(), oldest);
                    EventEnvelope<CollectionGapDetected> event = EventEnvelope.create(clusterId, PRODUCER, gap, clock);
                    sink.send(event, codec.encode(event));
                }
            }
        }
    }

    private void publish(EventEnvelope<?> event, String body) {
        String source = event.payload() instanceof SnapshotPartCollected p ? p.source() : "gap";
        publisher.publish(event.clusterId(), event.eventType(), source, body);
    }
}
