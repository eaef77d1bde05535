package autopilot.analyzer.model;

import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.snapshot.SourceRows;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the workload sources of one snapshot (queries, scans, alerts, disk-based steps,
 * compilation) into one {@link Workload} per hour of query end. Pure: the same rows always give
 * the same figures. Times: STL_WLM_QUERY and SYS_* report microseconds.
 *
 * <p>Rows are taken one part at a time ({@link #accept}) and nothing keeps them: the service reads
 * a snapshot's stored parts straight into this ({@code SnapshotParts}), so no workload row outlives
 * its part. A query row must be taken before the rows that join to it (compilation, steps, scans,
 * alerts); {@link #accept} refuses a part of queries once a joined part has been taken.
 */
public final class WorkloadAggregator {

    /** Scan type of a scan served by AQUA (STL_SCAN.type). */
    public static final int AQUA_SCAN_TYPE = 35;
    private static final int PERMANENT_TABLE_SCAN_TYPE = 2;
    /** The sources whose rows join to queries by query id. */
    public static final Set<String> JOINED = Set.of(SnapshotData.COMPILE, SnapshotData.DISK_STEPS, SnapshotData.SCANS,
            SnapshotData.ALERTS, SnapshotData.DIST_STEPS);
    /**
     * Every source this reads: queries, those joined to them, the WLM configuration and state, and the logs
     * collected with queries that stand alone (rule actions, commits, conflicts: by the hour of their own time).
     */
    public static final Set<String> SOURCES = Set.of(SnapshotData.QUERIES, SnapshotData.COMPILE, SnapshotData.DISK_STEPS,
            SnapshotData.SCANS, SnapshotData.ALERTS, SnapshotData.DIST_STEPS, SnapshotData.WLM_CONFIG, SnapshotData.WLM_STATE,
            SnapshotData.QMR_ACTIONS, SnapshotData.COMMITS, SnapshotData.CONFLICTS, SnapshotData.USERS);

    private record QueryInfo(Workload bucket, Workload.Pattern pattern, Workload.QueueHour queue, double execMs, boolean wildcard,
                             boolean distinct) {
    }

    private record QueueKey(long serviceClass, Instant hour) {
    }

    /** What a pattern takes from the text that opens it in an hour. */
    private record Opening(String sample, boolean wildcard, boolean distinct) {
        static Opening of(String text) {
            return new Opening(QueryText.sample(text), QueryText.wildcard(text), QueryText.distinct(text));
        }
    }

    private record AquaScan(long tableId, Instant start, double seconds, Workload bucket) {
    }

    private record Alert(long query, String alert, String event, String solution) {
    }

    private final Instant countedUpTo;
    private final Map<Instant, Workload> hours = new TreeMap<>();
    private Map<Long, QueryInfo> queries = new HashMap<>();
    // By exact text, each worked out once: the same text recurs (dashboards, ETL, retries), and
    // normalising, hashing and sampling every query again was the largest part of aggregating them.
    private final Map<String, String> hashOfText = new HashMap<>();
    private final Map<String, Opening> openingOfText = new HashMap<>();
    // Queue hours by (service class, hour): their map key is text, and formatting the hour for every query was costly.
    private final Map<QueueKey, Workload.QueueHour> queueHours = new HashMap<>();
    private SlotSweep slots = new SlotSweep(1 << 12);
    private final Set<Long> diskCounted = new HashSet<>();
    // Each hour's usages by table, put into its sorted map once all are counted: descending that
    // tree for every scan (most add a table to it) was a fifth of aggregating.
    private final Map<Workload, Map<Long, Workload.TableUsage>> usages = new IdentityHashMap<>();
    private final List<AquaScan> aqua = new ArrayList<>();
    /** (query, table) of every scan, two longs each: the tables an alert concerned are those its query scanned. */
    private long[] scanned = new long[256];
    private int scannedPairs;
    private final List<Alert> alerts = new ArrayList<>();
    private final Set<String> alertsCounted = new HashSet<>();
    private final List<SourceRows> wlmState = new ArrayList<>();
    private final Map<Integer, Workload.QueueConfig> wlmConfig = new TreeMap<>();
    /** Minutes a query was executing, for the idle share (issue 20). */
    private final BusyMinutes busy = new BusyMinutes();
    // Query groups numbered as first seen, and user names by id (the users source): the tallies count ints, names are put
    // in when the hours are finished.
    private final Map<String, Integer> groupNumbers = new HashMap<>();
    private final List<String> groupNames = new ArrayList<>();
    private int lastGroup = -1;
    private final Map<Integer, String> userNames = new HashMap<>();
    private final List<Workload.QueueHour> queueHoursSeen = new ArrayList<>();
    private final List<Workload.Pattern> patternsSeen = new ArrayList<>();
    private boolean joinedTaken;
    private boolean finished;

    /** @param countedUpTo queries that ended up to this time are already counted (a window the collector re-sent); null: none */
    public WorkloadAggregator(Instant countedUpTo) {
        this.countedUpTo = countedUpTo;
    }

    /** Sizes the tables of queries for about {@code n} of them before the first is taken (growing them was a tenth of the work). */
    public void expectQueries(int n) {
        if (queries.isEmpty() && n > 0) {
            queries = new HashMap<>(n * 4 / 3 + 1);
            slots = new SlotSweep(n);
        }
    }

    /** Hour (start) -> the workload of queries that ended in it; empty when the snapshot has no queries. */
    public static Map<Instant, Workload> byHour(SnapshotData snapshot) {
        return byHour(snapshot, null);
    }

    /**
     * As {@link #byHour(SnapshotData)}, counting only queries that ended after {@code countedUpTo}:
     * a window the collector re-sent (it published, then died before moving its watermark) is not
     * counted twice.
     */
    public static Map<Instant, Workload> byHour(SnapshotData snapshot, Instant countedUpTo) {
        WorkloadAggregator aggregator = new WorkloadAggregator(countedUpTo);
        SourceRows queries = snapshot.rows(SnapshotData.QUERIES);
        aggregator.expectQueries(queries.size());
        aggregator.accept(queries);
        for (String source : SOURCES) {
            if (!source.equals(SnapshotData.QUERIES)) aggregator.accept(snapshot.rows(source));
        }
        return aggregator.finish(snapshot.collectedAt());
    }

    /**
     * Takes the rows of one part (or all parts) of a workload source; a source this does not read is ignored.
     *
     * @throws IllegalStateException for queries after a part that joins to them, or after {@link #finish}
     */
    public void accept(SourceRows rows) {
        if (finished) throw new IllegalStateException("the workload was already aggregated");
        String source = rows.source();
        if (JOINED.contains(source)) joinedTaken = true;
        switch (source) {
            case SnapshotData.QUERIES -> {
                if (joinedTaken) {
                    throw new IllegalStateException("queries must come before the rows that join to them (compile, steps, scans, alerts)");
                }
                queries(rows);
            }
            case SnapshotData.COMPILE -> compile(rows);
            case SnapshotData.DISK_STEPS -> diskSteps(rows);
            case SnapshotData.DIST_STEPS -> distSteps(rows);
            case SnapshotData.SCANS -> scans(rows);
            case SnapshotData.ALERTS -> alerts(rows);
            case SnapshotData.WLM_STATE -> wlmState.add(rows);
            case SnapshotData.WLM_CONFIG -> wlmConfig(rows);
            case SnapshotData.QMR_ACTIONS -> qmrActions(rows);
            case SnapshotData.COMMITS -> commits(rows);
            case SnapshotData.CONFLICTS -> conflicts(rows);
            case SnapshotData.USERS -> users(rows);
            default -> { }
        }
    }

    /** The workload by hour of query end, once every part was taken; {@code collectedAt} places the running queries. */
    public Map<Instant, Workload> finish(Instant collectedAt) {
        if (finished) throw new IllegalStateException("the workload was already aggregated");
        finished = true;
        slots.sweep();
        busy.flush();
        runningAtCollection(collectedAt);
        usages.forEach((bucket, byTable) -> bucket.tables.putAll(byTable));
        firstAquaTouches();
        applyAlerts();
        nameContributors();
        PatternShapes.annotate(hours.values());
        if (!wlmConfig.isEmpty()) {
            // Every hour carries it, so whichever hours a window keeps know the queues.
            for (Workload hour : hours.values()) {
                hour.wlmQueues = new TreeMap<>(wlmConfig);
                hour.wlmConfigAt = collectedAt;
            }
        }
        return hours;
    }

    private void queries(SourceRows rows) {
        int queryCol = rows.column("query");
        int endCol = rows.column("endtime");
        int textCol = rows.column("querytxt");
        int queueCol = rows.column("total_queue_time");
        int execCol = rows.column("total_exec_time");
        int abortedCol = rows.column("aborted");
        int classCol = rows.column("service_class");
        int classNameCol = rows.column("service_class_name");
        int slotCol = rows.column("slot_count");
        int userCol = rows.column("userid");
        int labelCol = rows.column("label");
        for (SourceRows.Row row : rows.rows()) {
            Long id = row.longValue(queryCol);
            Instant end = row.instant(endCol);
            if (id == null || end == null || (countedUpTo != null && !end.isAfter(countedUpTo))) continue;
            Instant hour = end.truncatedTo(ChronoUnit.HOURS);
            Workload bucket = hours.computeIfAbsent(hour, WorkloadAggregator::newHour);
            String text = row.string(textCol);
            String hash = hashOfText.computeIfAbsent(text, t -> QueryText.hash(QueryText.normalise(t)));
            double queueMs = row.longOr(queueCol, 0) / 1000.0;
            double execMs = row.longOr(execCol, 0) / 1000.0;
            Workload.Pattern pattern = bucket.patterns.computeIfAbsent(hash, h -> {
                Opening opening = openingOfText.computeIfAbsent(text, Opening::of);
                Workload.Pattern p = new Workload.Pattern();
                p.hash = h;
                p.sample = opening.sample();
                p.wildcard = opening.wildcard();
                p.distinct = opening.distinct();
                p.text = text;
                patternsSeen.add(p);
                return p;
            });
            int user = (int) row.longOr(userCol, -1);
            int group = group(row.string(labelCol));
            pattern.recordContributor(user, group, queueMs, execMs);
            bucket.tally.record(user, group, queueMs, execMs);
            pattern.queries++;
            pattern.recordExec(execMs);
            pattern.aborted += row.bool(abortedCol) ? 1 : 0;
            pattern.execMsTotal += execMs;
            pattern.queueMsTotal += queueMs;
            if (pattern.lastSeen == null || end.isAfter(pattern.lastSeen)) pattern.lastSeen = end;
            bucket.queries++;
            bucket.waits.record(queueMs);
            if (bucket.lastQueryEnd == null || end.isAfter(bucket.lastQueryEnd)) bucket.lastQueryEnd = end;
            busy.add(bucket, end.toEpochMilli(), execMs);
            Long serviceClass = row.longValue(classCol);
            Workload.QueueHour queue = null;
            if (serviceClass != null) {
                QueueKey key = new QueueKey(serviceClass, hour);
                Workload.QueueHour q = queueHours.get(key);
                if (q == null) {
                    q = new Workload.QueueHour();
                    q.serviceClass = serviceClass.intValue();
                    q.hour = hour;
                    q.name = row.string(classNameCol);
                    q.tally = new ContributorTally();
                    queueHoursSeen.add(q);
                    bucket.queueHours.put(serviceClass + "|" + hour, q);
                    queueHours.put(key, q);
                }
                q.queries++;
                q.queued += queueMs > 0 ? 1 : 0;
                q.queueMsTotal += queueMs;
                q.execMsTotal += execMs;
                q.waits.record(queueMs);
                q.execs.record(execMs);
                q.tally.record(user, group, queueMs, execMs);
                if (execMs < Workload.SHORT_QUERY_MS) {
                    q.shortQueries++;
                    if (queueMs > execMs) {
                        q.shortWaited++;
                        q.shortWaitMsTotal += queueMs;
                    }
                }
                // The query's end less its execution time: its run, without parsing another timestamp per query.
                slots.add(q, end.toEpochMilli(), execMs, row.longOr(slotCol, 1));
                queue = q;
            }
            queries.put(id, new QueryInfo(bucket, pattern, queue, execMs, pattern.wildcard, pattern.distinct));
        }
    }

    /** The number of a query group (STL_QUERY.label, SYS_QUERY_HISTORY.query_label); none is {@link Contributors#NO_GROUP}. */
    private int group(String label) {
        String name = label == null || label.isEmpty() ? Contributors.NO_GROUP : label;
        // Consecutive queries mostly share their group: a comparison instead of a hash look-up.
        if (lastGroup >= 0 && name.equals(groupNames.get(lastGroup))) return lastGroup;
        lastGroup = groupNumber(name);
        return lastGroup;
    }

    private int groupNumber(String name) {
        Integer known = groupNumbers.get(name);
        if (known != null) return known;
        groupNames.add(name);
        groupNumbers.put(name, groupNames.size() - 1);
        return groupNames.size() - 1;
    }

    private void users(SourceRows rows) {
        int idCol = rows.column("usesysid");
        int nameCol = rows.column("usename");
        for (SourceRows.Row row : rows.rows()) {
            Long id = row.longValue(idCol);
            String name = row.string(nameCol);
            if (id != null && name != null && !name.isBlank()) userNames.put(id.intValue(), name.trim());
        }
    }

    /**
     * The tallies as named contributors. A user the users source does not name (dropped since, or the source was not
     * collected) is {@code user <id>}.
     */
    private void nameContributors() {
        java.util.function.IntFunction<String> user = id -> {
            String name = userNames.get(id);
            return name != null ? name : id < 0 ? "(unknown user)" : "user " + id;
        };
        java.util.function.IntFunction<String> group = groupNames::get;
        for (Workload hour : hours.values()) {
            // An hour of commits or rule actions only ran no query: it names nobody.
            if (hour.queries > 0) hour.contributors = hour.tally.resolve(Workload.HOUR_CONTRIBUTORS, user, group);
            hour.tally = null;
        }
        for (Workload.QueueHour q : queueHoursSeen) {
            q.contributors = q.tally.resolve(Workload.QUEUE_CONTRIBUTORS, user, group);
            q.tally = null;
        }
        for (Workload.Pattern p : patternsSeen) {
            p.name(user, group);
        }
    }

    /** Slots STV_WLM_QUERY_STATE showed running at collection count towards the peak of that hour. */
    private void runningAtCollection(Instant collectedAt) {
        Instant hour = collectedAt.truncatedTo(ChronoUnit.HOURS);
        Workload bucket = hours.get(hour);
        if (bucket == null) return;
        for (SourceRows rows : wlmState) {
            for (SourceRows.Row row : rows.rows()) {
                Long serviceClass = row.longValue("service_class");
                Workload.QueueHour q = serviceClass == null ? null : bucket.queueHours.get(serviceClass + "|" + hour);
                if (q != null && "Running".equalsIgnoreCase(row.string("state"))) {
                    q.peakSlots = Math.max(q.peakSlots, (int) row.longOr("slots", row.longOr("queries", 0)));
                }
            }
        }
    }

    private void wlmConfig(SourceRows rows) {
        for (SourceRows.Row row : rows.rows()) {
            Long serviceClass = row.longValue("service_class");
            if (serviceClass == null) continue;
            Long slots = row.longValue("num_query_tasks");
            Long memory = row.longValue("query_working_mem");
            wlmConfig.put(serviceClass.intValue(), new Workload.QueueConfig(serviceClass.intValue(), row.string("name"),
                    slots == null ? null : slots.intValue(), memory == null ? null : memory.intValue(),
                    row.longValue("max_execution_time"), row.string("concurrency_scaling"), row.string("query_priority")));
        }
    }

    /**
     * The hour a log row of its own (rule action, commit, conflict) counts in; null for a row without a time or one
     * already counted (it shares the queries' watermark, so a re-sent window repeats it too).
     */
    private Workload hourOf(Instant at) {
        if (at == null || (countedUpTo != null && !at.isAfter(countedUpTo))) return null;
        return hours.computeIfAbsent(at.truncatedTo(ChronoUnit.HOURS), WorkloadAggregator::newHour);
    }

    private static Workload newHour(Instant hour) {
        Workload w = new Workload();
        w.tally = new ContributorTally();
        return w;
    }

    private void qmrActions(SourceRows rows) {
        int queryCol = rows.column("query");
        int userCol = rows.column("userid");
        int classCol = rows.column("service_class");
        int classNameCol = rows.column("service_class_name");
        int ruleCol = rows.column("rule");
        int actionCol = rows.column("action");
        int timeCol = rows.column("recordtime");
        for (SourceRows.Row row : rows.rows()) {
            Instant at = row.instant(timeCol);
            Workload bucket = hourOf(at);
            Long serviceClass = row.longValue(classCol);
            String rule = row.string(ruleCol);
            String action = row.string(actionCol);
            if (bucket == null || serviceClass == null || rule == null || action == null) continue;
            Workload.QmrAction a = bucket.qmrActions.computeIfAbsent(serviceClass + "|" + rule + "|" + action, k -> {
                Workload.QmrAction created = new Workload.QmrAction();
                created.serviceClass = serviceClass.intValue();
                created.rule = rule;
                created.action = action;
                created.queue = row.string(classNameCol);
                return created;
            });
            a.record(row.longOr(queryCol, 0), row.longValue(userCol), at);
        }
    }

    private void commits(SourceRows rows) {
        int queueCol = rows.column("startqueue");
        int workCol = rows.column("startwork");
        int endCol = rows.column("endtime");
        int lengthCol = rows.column("queuelen");
        for (SourceRows.Row row : rows.rows()) {
            Instant end = row.instant(endCol);
            Workload bucket = hourOf(end);
            Instant queued = row.instant(queueCol);
            Instant work = row.instant(workCol);
            if (bucket == null || queued == null || work == null) continue;
            bucket.commitHours.computeIfAbsent(end.truncatedTo(ChronoUnit.HOURS), h -> new Workload.CommitHour())
                    .record(Math.max(0, ChronoUnit.NANOS.between(queued, work) / 1e6), row.longOr(lengthCol, 0));
        }
    }

    private void conflicts(SourceRows rows) {
        int tableCol = rows.column("table_id");
        int abortCol = rows.column("abort_time");
        for (SourceRows.Row row : rows.rows()) {
            Instant at = row.instant(abortCol);
            Workload bucket = hourOf(at);
            Long table = row.longValue(tableCol);
            if (bucket != null && table != null) bucket.conflicts.computeIfAbsent(table, t -> new Workload.Conflicts()).record(at);
        }
    }

    /** All hours added up. */
    public static Workload total(Map<Instant, Workload> hours) {
        Workload total = new Workload();
        hours.values().forEach(total::add);
        return total;
    }

    private void compile(SourceRows rows) {
        int queryCol = rows.column("query");
        int startCol = rows.column("compile_start");
        int endCol = rows.column("compile_end");
        int segmentsCol = rows.column("compiled_segments");
        for (SourceRows.Row row : rows.rows()) {
            Instant start = row.instant(startCol);
            Instant end = row.instant(endCol);
            if (start == null || end == null) continue; // nothing compiled: most queries, so before the look-up
            QueryInfo q = queries.get(row.longValue(queryCol));
            if (q == null || row.longOr(segmentsCol, 0) == 0) continue;
            double compileMs = ChronoUnit.NANOS.between(start, end) / 1e6;
            q.pattern.compileMsTotal += compileMs;
            if (compileMs > q.execMs / 2) q.pattern.compileDominated++;
        }
    }

    private void diskSteps(SourceRows rows) {
        int queryCol = rows.column("query");
        int bytesCol = rows.column("bytes");
        int labelCol = rows.column("label");
        for (SourceRows.Row row : rows.rows()) {
            Long id = row.longValue(queryCol);
            QueryInfo q = queries.get(id);
            if (q == null) continue;
            q.pattern.diskSteps++;
            q.pattern.diskBytes += row.longOr(bytesCol, 0);
            String label = row.string(labelCol);
            String operation = label == null || label.isBlank() ? "unknown" : firstWord(label);
            q.pattern.spilled(operation);
            if (diskCounted.add(id)) {
                q.pattern.diskBasedQueries++;
                q.bucket.diskBasedQueries++;
                if (q.queue != null) q.queue.diskBased++;
            }
        }
    }

    /** Rows redistributed (dist*) and broadcast (bcast*) by each pattern's queries. */
    private void distSteps(SourceRows rows) {
        int queryCol = rows.column("query");
        int rowsCol = rows.column("rows");
        int labelCol = rows.column("label");
        for (SourceRows.Row row : rows.rows()) {
            QueryInfo q = queries.get(row.longValue(queryCol));
            if (q == null) continue;
            String label = row.string(labelCol);
            double moved = row.longOr(rowsCol, 0);
            if (label != null && label.trim().toLowerCase(java.util.Locale.ROOT).startsWith("bcast")) q.pattern.bcastRows += moved;
            else q.pattern.distRows += moved;
        }
    }

    /** The label up to its first whitespace; it is trimmed, so that word is never empty. */
    private static String firstWord(String label) {
        for (int i = 0; i < label.length(); i++) {
            if (QueryText.space(label.charAt(i))) return label.substring(0, i);
        }
        return label;
    }

    private void scans(SourceRows rows) {
        int queryCol = rows.column("query");
        int tableCol = rows.column("table_id");
        int nameCol = rows.column("table_name");
        int rowsCol = rows.column("rows");
        int preFilterCol = rows.column("rows_pre_filter");
        int preUserCol = rows.column("rows_pre_user_filter");
        int startCol = rows.column("starttime");
        int endCol = rows.column("endtime");
        int durationCol = rows.column("duration");
        int typeCol = rows.column("scan_type");
        int restrictedCol = rows.column("range_restricted");
        for (SourceRows.Row row : rows.rows()) {
            Long queryId = row.longValue(queryCol);
            Long tableId = row.longValue(tableCol);
            QueryInfo q = queries.get(queryId);
            if (q == null || tableId == null) continue;
            if (scannedPairs * 2 == scanned.length) scanned = Arrays.copyOf(scanned, scanned.length * 2);
            scanned[2 * scannedPairs] = queryId;
            scanned[2 * scannedPairs + 1] = tableId;
            scannedPairs++;
            Workload.TableUsage usage = usages.computeIfAbsent(q.bucket, b -> new HashMap<>()).computeIfAbsent(tableId, id -> {
                Workload.TableUsage u = new Workload.TableUsage();
                u.tableId = id;
                u.name = row.string(nameCol);
                return u;
            });
            usage.scans++;
            double scannedRows = row.longOr(rowsCol, 0);
            (q.pattern.scanRows == null ? q.pattern.scanRows = new HashMap<>() : q.pattern.scanRows).merge(tableId, scannedRows, Double::sum);
            Double preFilter = row.doubleValue(preFilterCol);
            Double preUser = row.doubleValue(preUserCol);
            usage.rowsReturned += scannedRows;
            if (preFilter != null && preUser != null) {
                usage.rowsPreFilter += preFilter;
                usage.rowsPreUserFilter += preUser;
                usage.ghostMeasuredScans++;
            }
            Instant start = row.instant(startCol);
            Instant end = row.instant(endCol);
            if (end != null && (usage.lastScan == null || end.isAfter(usage.lastScan))) usage.lastScan = end;
            Long duration = row.longValue(durationCol);
            double seconds = duration != null ? duration / 1e6
                    : start != null && end != null ? ChronoUnit.NANOS.between(start, end) / 1e9 : Double.NaN;
            long scanType = row.longOr(typeCol, PERMANENT_TABLE_SCAN_TYPE);
            if (q.wildcard) usage.wildcardScans++;
            if (Double.isNaN(seconds)) continue;
            if (scanType == AQUA_SCAN_TYPE) {
                aqua.add(new AquaScan(tableId, start, seconds, q.bucket));
                if (q.distinct) {
                    usage.aquaDistinctScans++;
                    usage.aquaDistinctRowsMax = Math.max(usage.aquaDistinctRowsMax, scannedRows);
                } else {
                    usage.aquaRowsReturned += scannedRows;
                    usage.aquaRowsScans++;
                }
            } else if (q.wildcard) {
                usage.wildcardClusterSeconds.add(seconds);
            } else {
                usage.clusterSeconds.add(seconds);
                if (row.longOr(restrictedCol, 0) == 0) usage.fullScanSeconds.add(seconds);
            }
        }
    }

    /** In start order, so each hour's first AQUA scan of a table is its candidate first touch. */
    private void firstAquaTouches() {
        aqua.sort(Comparator.comparing(AquaScan::start, Comparator.nullsLast(Comparator.naturalOrder())));
        for (AquaScan scan : aqua) {
            Workload.TableUsage usage = scan.bucket.tables.get(scan.tableId);
            if (usage.firstAquaSeconds == null) {
                usage.firstAquaStart = scan.start;
                usage.firstAquaSeconds = scan.seconds;
            } else {
                usage.aquaSeconds.add(scan.seconds);
            }
        }
    }

    /** Alerts of counted queries, each (query, alert) once; applied at the end, when the tables each query scanned are known. */
    private void alerts(SourceRows rows) {
        for (SourceRows.Row row : rows.rows()) {
            Long id = row.longValue("query");
            String alert = row.string("alert");
            if (id == null || !queries.containsKey(id) || alert == null || alert.isEmpty() || !alertsCounted.add(id + "|" + alert)) {
                continue;
            }
            alerts.add(new Alert(id, alert, row.string("event"), row.string("solution")));
        }
    }

    private void applyAlerts() {
        if (alerts.isEmpty()) return;
        // The tables of alerted queries only: a set for every query was most of the garbage.
        Map<Long, Set<Long>> tablesOfQuery = new HashMap<>();
        for (Alert a : alerts) tablesOfQuery.put(a.query(), new HashSet<>());
        for (int i = 0; i < scannedPairs; i++) {
            Set<Long> tables = tablesOfQuery.get(scanned[2 * i]);
            if (tables != null) tables.add(scanned[2 * i + 1]);
        }
        for (Alert a : alerts) {
            queries.get(a.query()).pattern.alerted(a.alert(), a.event(), a.solution(), tablesOfQuery.get(a.query()));
        }
    }
}
