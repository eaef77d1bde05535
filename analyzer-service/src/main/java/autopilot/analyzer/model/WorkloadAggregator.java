package autopilot.analyzer.model;

import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.snapshot.SourceRows;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * compilation) into one {@link Workload} per hour of query end. Pure: the same snapshot always
 * gives the same figures. Times: STL_WLM_QUERY and SYS_* report microseconds.
 */
public final class WorkloadAggregator {

    /** Scan type of a scan served by AQUA (STL_SCAN.type). */
    public static final int AQUA_SCAN_TYPE = 35;
    private static final int PERMANENT_TABLE_SCAN_TYPE = 2;

    private WorkloadAggregator() {
    }

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
        Map<Instant, Workload> hours = new TreeMap<>();
        SourceRows queryRows = snapshot.rows(SnapshotData.QUERIES);
        Map<Long, QueryInfo> queries = new HashMap<>(queryRows.size() * 4 / 3 + 1);
        // By exact text, each worked out once: the same text recurs (dashboards, ETL, retries), and
        // normalising, hashing and sampling every query again was the largest part of aggregating them.
        Map<String, String> hashOfText = new HashMap<>();
        Map<String, Opening> openingOfText = new HashMap<>();
        // Queue hours by (service class, hour): their map key is text, and formatting the hour for every query was costly.
        Map<QueueKey, Workload.QueueHour> queueHours = new HashMap<>();
        SlotSweep slots = new SlotSweep(queryRows.size());
        for (SourceRows.Row row : queryRows.rows()) {
            Long id = row.longValue("query");
            Instant end = row.instant("endtime");
            if (id == null || end == null || (countedUpTo != null && !end.isAfter(countedUpTo))) continue;
            Instant hour = end.truncatedTo(ChronoUnit.HOURS);
            Workload bucket = hours.computeIfAbsent(hour, h -> new Workload());
            String text = row.string("querytxt");
            String hash = hashOfText.computeIfAbsent(text, t -> QueryText.hash(QueryText.normalise(t)));
            double queueMs = row.longOr("total_queue_time", 0) / 1000.0;
            double execMs = row.longOr("total_exec_time", 0) / 1000.0;
            Workload.Pattern pattern = bucket.patterns.computeIfAbsent(hash, h -> {
                Opening opening = openingOfText.computeIfAbsent(text, Opening::of);
                Workload.Pattern p = new Workload.Pattern();
                p.hash = h;
                p.sample = opening.sample();
                p.wildcard = opening.wildcard();
                p.distinct = opening.distinct();
                p.text = text;
                return p;
            });
            pattern.queries++;
            pattern.aborted += row.bool("aborted") ? 1 : 0;
            pattern.execMsTotal += execMs;
            pattern.queueMsTotal += queueMs;
            if (pattern.lastSeen == null || end.isAfter(pattern.lastSeen)) pattern.lastSeen = end;
            bucket.queries++;
            bucket.waits.record(queueMs);
            if (bucket.lastQueryEnd == null || end.isAfter(bucket.lastQueryEnd)) bucket.lastQueryEnd = end;
            Long serviceClass = row.longValue("service_class");
            Workload.QueueHour queue = null;
            if (serviceClass != null) {
                QueueKey key = new QueueKey(serviceClass, hour);
                Workload.QueueHour q = queueHours.get(key);
                if (q == null) {
                    q = new Workload.QueueHour();
                    q.serviceClass = serviceClass.intValue();
                    q.hour = hour;
                    q.name = row.string("service_class_name");
                    bucket.queueHours.put(serviceClass + "|" + hour, q);
                    queueHours.put(key, q);
                }
                q.queries++;
                q.queued += queueMs > 0 ? 1 : 0;
                q.queueMsTotal += queueMs;
                q.execMsTotal += execMs;
                q.waits.record(queueMs);
                q.execs.record(execMs);
                if (execMs < Workload.SHORT_QUERY_MS) {
                    q.shortQueries++;
                    if (queueMs > execMs) {
                        q.shortWaited++;
                        q.shortWaitMsTotal += queueMs;
                    }
                }
                // The query's end less its execution time: its run, without parsing another timestamp per query.
                slots.add(q, end.toEpochMilli(), execMs, row.longOr("slot_count", 1));
                queue = q;
            }
            queries.put(id, new QueryInfo(bucket, pattern, queue, execMs, pattern.wildcard, pattern.distinct));
        }
        slots.sweep();
        runningAtCollection(snapshot, hours);
        compile(snapshot, queries);
        diskSteps(snapshot, queries);
        Map<Long, Set<Long>> tablesOfQuery = scans(snapshot, queries, alerted(snapshot));
        alerts(snapshot, queries, tablesOfQuery);
        distSteps(snapshot, queries);
        PatternShapes.annotate(hours.values());
        Map<Integer, Workload.QueueConfig> config = wlmConfig(snapshot);
        if (!config.isEmpty()) {
            // Every hour carries it, so whichever hours a window keeps know the queues.
            for (Workload hour : hours.values()) {
                hour.wlmQueues = new TreeMap<>(config);
                hour.wlmConfigAt = snapshot.collectedAt();
            }
        }
        return hours;
    }

    /** Slots STV_WLM_QUERY_STATE showed running at collection count towards the peak of that hour. */
    private static void runningAtCollection(SnapshotData snapshot, Map<Instant, Workload> hours) {
        Workload bucket = hours.get(snapshot.collectedAt().truncatedTo(ChronoUnit.HOURS));
        if (bucket == null) return;
        for (SourceRows.Row row : snapshot.rows(SnapshotData.WLM_STATE).rows()) {
            Long serviceClass = row.longValue("service_class");
            Workload.QueueHour q = serviceClass == null ? null : bucket.queueHours.get(serviceClass + "|" + snapshot.collectedAt()
                    .truncatedTo(ChronoUnit.HOURS));
            if (q != null && "Running".equalsIgnoreCase(row.string("state"))) {
                q.peakSlots = Math.max(q.peakSlots, (int) row.longOr("slots", row.longOr("queries", 0)));
            }
        }
    }

    private static Map<Integer, Workload.QueueConfig> wlmConfig(SnapshotData snapshot) {
        Map<Integer, Workload.QueueConfig> config = new TreeMap<>();
        for (SourceRows.Row row : snapshot.rows(SnapshotData.WLM_CONFIG).rows()) {
            Long serviceClass = row.longValue("service_class");
            if (serviceClass == null) continue;
            Long slots = row.longValue("num_query_tasks");
            Long memory = row.longValue("query_working_mem");
            config.put(serviceClass.intValue(), new Workload.QueueConfig(serviceClass.intValue(), row.string("name"),
                    slots == null ? null : slots.intValue(), memory == null ? null : memory.intValue(),
                    row.longValue("max_execution_time"), row.string("concurrency_scaling"), row.string("query_priority")));
        }
        return config;
    }

    /** All hours added up. */
    public static Workload total(Map<Instant, Workload> hours) {
        Workload total = new Workload();
        hours.values().forEach(total::add);
        return total;
    }

    private static void compile(SnapshotData snapshot, Map<Long, QueryInfo> queries) {
        for (SourceRows.Row row : snapshot.rows(SnapshotData.COMPILE).rows()) {
            Long id = row.longValue("query");
            Instant start = row.instant("compile_start");
            Instant end = row.instant("compile_end");
            if (start == null || end == null) continue; // nothing compiled: most queries, so before the look-up
            QueryInfo q = queries.get(id);
            if (q == null || row.longOr("compiled_segments", 0) == 0) continue;
            double compileMs = ChronoUnit.NANOS.between(start, end) / 1e6;
            q.pattern.compileMsTotal += compileMs;
            if (compileMs > q.execMs / 2) q.pattern.compileDominated++;
        }
    }

    private static void diskSteps(SnapshotData snapshot, Map<Long, QueryInfo> queries) {
        Set<Long> counted = new HashSet<>();
        for (SourceRows.Row row : snapshot.rows(SnapshotData.DISK_STEPS).rows()) {
            Long id = row.longValue("query");
            QueryInfo q = queries.get(id);
            if (q == null) continue;
            q.pattern.diskSteps++;
            q.pattern.diskBytes += row.longOr("bytes", 0);
            String label = row.string("label");
            String operation = label == null || label.isBlank() ? "unknown" : firstWord(label);
            q.pattern.spilled(operation);
            if (counted.add(id)) {
                q.pattern.diskBasedQueries++;
                q.bucket.diskBasedQueries++;
                if (q.queue != null) q.queue.diskBased++;
            }
        }
    }

    /** Rows redistributed (dist*) and broadcast (bcast*) by each pattern's queries. */
    private static void distSteps(SnapshotData snapshot, Map<Long, QueryInfo> queries) {
        for (SourceRows.Row row : snapshot.rows(SnapshotData.DIST_STEPS).rows()) {
            QueryInfo q = queries.get(row.longValue("query"));
            if (q == null) continue;
            String label = row.string("label");
            double rows = row.longOr("rows", 0);
            if (label != null && label.trim().toLowerCase(java.util.Locale.ROOT).startsWith("bcast")) q.pattern.bcastRows += rows;
            else q.pattern.distRows += rows;
        }
    }


    /** The label up to its first whitespace; it is trimmed, so that word is never empty. */
    private static String firstWord(String label) {
        for (int i = 0; i < label.length(); i++) {
            if (QueryText.space(label.charAt(i))) return label.substring(0, i);
        }
        return label;
    }

    /** Queries an optimizer alert names: the tables an alert concerned are those its queries scanned. */
    private static Set<Long> alerted(SnapshotData snapshot) {
        Set<Long> ids = new HashSet<>();
        for (SourceRows.Row row : snapshot.rows(SnapshotData.ALERTS).rows()) {
            ids.add(row.longValue("query"));
        }
        return ids;
    }

    /** @return the tables each alerted query scanned (only those: a set for every query was most of the garbage) */
    private static Map<Long, Set<Long>> scans(SnapshotData snapshot, Map<Long, QueryInfo> queries, Set<Long> alerted) {
        Map<Long, Set<Long>> tablesOfQuery = new HashMap<>();
        List<AquaScan> aqua = new ArrayList<>();
        // Each hour's usages by table, put into its sorted map once all are counted: descending that
        // tree for every scan (most add a table to it) was a fifth of aggregating.
        Map<Workload, Map<Long, Workload.TableUsage>> usages = new IdentityHashMap<>();
        for (SourceRows.Row row : snapshot.rows(SnapshotData.SCANS).rows()) {
            Long queryId = row.longValue("query");
            Long tableId = row.longValue("table_id");
            QueryInfo q = queries.get(queryId);
            if (q == null || tableId == null) continue;
            if (alerted.contains(queryId)) tablesOfQuery.computeIfAbsent(queryId, k -> new HashSet<>()).add(tableId);
            Workload.TableUsage usage = usages.computeIfAbsent(q.bucket, b -> new HashMap<>()).computeIfAbsent(tableId, id -> {
                Workload.TableUsage u = new Workload.TableUsage();
                u.tableId = id;
                u.name = row.string("table_name");
                return u;
            });
            usage.scans++;
            double rows = row.longOr("rows", 0);
            (q.pattern.scanRows == null ? q.pattern.scanRows = new TreeMap<>() : q.pattern.scanRows).merge(tableId, rows, Double::sum);
            Double preFilter = row.doubleValue("rows_pre_filter");
            Double preUser = row.doubleValue("rows_pre_user_filter");
            usage.rowsReturned += rows;
            if (preFilter != null && preUser != null) {
                usage.rowsPreFilter += preFilter;
                usage.rowsPreUserFilter += preUser;
                usage.ghostMeasuredScans++;
            }
            Instant start = row.instant("starttime");
            Instant end = row.instant("endtime");
            if (end != null && (usage.lastScan == null || end.isAfter(usage.lastScan))) usage.lastScan = end;
            double seconds = row.has("duration") && row.longValue("duration") != null ? row.longValue("duration") / 1e6
                    : start != null && end != null ? ChronoUnit.NANOS.between(start, end) / 1e9 : Double.NaN;
            long scanType = row.longOr("scan_type", PERMANENT_TABLE_SCAN_TYPE);
            if (q.wildcard) usage.wildcardScans++;
            if (Double.isNaN(seconds)) continue;
            if (scanType == AQUA_SCAN_TYPE) {
                aqua.add(new AquaScan(tableId, start, seconds, q.bucket));
                if (q.distinct) {
                    usage.aquaDistinctScans++;
                    usage.aquaDistinctRowsMax = Math.max(usage.aquaDistinctRowsMax, rows);
                } else {
                    usage.aquaRowsReturned += rows;
                    usage.aquaRowsScans++;
                }
            } else if (q.wildcard) {
                usage.wildcardClusterSeconds.add(seconds);
            } else {
                usage.clusterSeconds.add(seconds);
                if (row.longOr("range_restricted", 0) == 0) usage.fullScanSeconds.add(seconds);
            }
        }
        usages.forEach((bucket, byTable) -> bucket.tables.putAll(byTable));
        // In start order, so each hour's first AQUA scan of a table is its candidate first touch.
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
        return tablesOfQuery;
    }

    private static void alerts(SnapshotData snapshot, Map<Long, QueryInfo> queries, Map<Long, Set<Long>> tablesOfQuery) {
        Set<String> counted = new HashSet<>();
        for (SourceRows.Row row : snapshot.rows(SnapshotData.ALERTS).rows()) {
            Long id = row.longValue("query");
            QueryInfo q = queries.get(id);
            String alert = row.string("alert");
            if (q == null || alert == null || alert.isEmpty() || !counted.add(id + "|" + alert)) continue;
            q.pattern.alerted(alert, row.string("event"), row.string("solution"), tablesOfQuery.getOrDefault(id, Set.of()));
        }
    }
}
