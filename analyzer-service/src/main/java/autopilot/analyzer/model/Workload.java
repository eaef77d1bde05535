package autopilot.analyzer.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the cluster's queries did over a period, aggregated: per WLM queue and hour, per query
 * pattern and per table. Aggregates of different hours add up ({@link #add}), so the analyzer
 * stores one per hour and looks at any window without keeping every query. Built by
 * {@link WorkloadAggregator}; read by the workload rules.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class Workload {

    /** Queries seen. */
    public long queries;
    /** Queries that ran at least one disk-based step. */
    public long diskBasedQueries;
    /** Queue waits of every query, all queues. */
    public Waits waits = new Waits();
    /** Per queue and hour, keyed {@code serviceClass|hour}. */
    public Map<String, QueueHour> queueHours = new TreeMap<>();
    /** Per normalised query text, keyed by its hash. */
    public Map<String, Pattern> patterns = new LinkedHashMap<>();
    /** Per table id. */
    public Map<Long, TableUsage> tables = new TreeMap<>();
    /** Latest query end seen. */
    public Instant lastQueryEnd;

    /** Adds another period's figures to these. */
    public Workload add(Workload other) {
        queries += other.queries;
        diskBasedQueries += other.diskBasedQueries;
        waits.add(other.waits);
        // Always into our own objects: the other's stay untouched (hours are stored and added up again).
        other.queueHours.forEach((k, v) -> queueHours.computeIfAbsent(k, x -> new QueueHour()).add(v));
        other.patterns.forEach((k, v) -> patterns.computeIfAbsent(k, x -> new Pattern()).add(v));
        other.tables.forEach((k, v) -> tables.computeIfAbsent(k, x -> new TableUsage()).add(v));
        if (other.lastQueryEnd != null && (lastQueryEnd == null || other.lastQueryEnd.isAfter(lastQueryEnd))) {
            lastQueryEnd = other.lastQueryEnd;
        }
        return this;
    }

    /** One WLM queue (service class) in one hour. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class QueueHour {
        public int serviceClass;
        public String name;
        public Instant hour;
        public long queries;
        /** Queries that waited in the queue at all. */
        public long queued;
        public double queueMsTotal;
        public double execMsTotal;
        public Waits waits = new Waits();

        QueueHour add(QueueHour other) {
            serviceClass = other.serviceClass;
            hour = other.hour;
            queries += other.queries;
            queued += other.queued;
            queueMsTotal += other.queueMsTotal;
            execMsTotal += other.execMsTotal;
            waits.add(other.waits);
            if (name == null) name = other.name;
            return this;
        }

        /** Share of this queue's time its queries spent waiting, 0-100. */
        public double queueTimeSharePct() {
            double total = queueMsTotal + execMsTotal;
            return total == 0 ? 0 : 100 * queueMsTotal / total;
        }
    }

    /** Queries with the same normalised text. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class Pattern {
        public String hash;
        /** The first query's text, cut short: for people, never for matching. */
        public String sample;
        public long queries;
        public long aborted;
        public double execMsTotal;
        public double queueMsTotal;
        public double compileMsTotal;
        /** Queries whose compilation took more than half of their execution time. */
        public long compileDominated;
        public long diskBasedQueries;
        public long diskSteps;
        public double diskBytes;
        /** Optimizer alert name -> queries of this pattern that raised it. */
        public Map<String, Long> alerts = new TreeMap<>();
        /** Table ids an alert of this pattern concerned (scans of its queries), by alert name. */
        public Map<String, java.util.Set<Long>> alertTables = new TreeMap<>();
        /** The text filters with LIKE / SIMILAR TO on a pattern starting with a wildcard. */
        public boolean wildcard;
        /** The text uses DISTINCT (which AQUA cannot push down). */
        public boolean distinct;
        public Instant lastSeen;

        Pattern add(Pattern other) {
            hash = other.hash;
            queries += other.queries;
            aborted += other.aborted;
            execMsTotal += other.execMsTotal;
            queueMsTotal += other.queueMsTotal;
            compileMsTotal += other.compileMsTotal;
            compileDominated += other.compileDominated;
            diskBasedQueries += other.diskBasedQueries;
            diskSteps += other.diskSteps;
            diskBytes += other.diskBytes;
            other.alerts.forEach((k, v) -> alerts.merge(k, v, Long::sum));
            other.alertTables.forEach((k, v) -> alertTables.computeIfAbsent(k, x -> new java.util.TreeSet<>()).addAll(v));
            wildcard |= other.wildcard;
            distinct |= other.distinct;
            if (sample == null) sample = other.sample;
            if (other.lastSeen != null && (lastSeen == null || other.lastSeen.isAfter(lastSeen))) lastSeen = other.lastSeen;
            return this;
        }
    }

    /** How queries used one table. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class TableUsage {
        public long tableId;
        public String name;
        /** Queries that scanned the table. */
        public long scans;
        public double rowsPreFilter;
        /** Rows after visibility filtering, before user filters: the difference to rowsPreFilter are ghost rows. */
        public double rowsPreUserFilter;
        public double rowsReturned;
        /** Scans whose rows before user filters were reported (provisioned only). */
        public long ghostMeasuredScans;
        /** Queries with a leading-wildcard LIKE / SIMILAR TO that scanned the table. */
        public long wildcardScans;
        /** Scan seconds of wildcard queries served by AQUA (scan type 35), in order of start. */
        public Samples aquaSeconds = new Samples();
        /** Start of the first AQUA scan seen and its seconds: AQUA's first touch copies the table. */
        public Instant firstAquaStart;
        public Double firstAquaSeconds;
        /** Scan seconds of wildcard queries served by the cluster itself (scan type 2). */
        public Samples wildcardClusterSeconds = new Samples();
        /** Scan seconds of every other scan of the table on the cluster (scan type 2). */
        public Samples clusterSeconds = new Samples();
        /** Largest row count an AQUA scan returned for a DISTINCT query (not pushed down). */
        public double aquaDistinctRowsMax;
        public long aquaDistinctScans;
        public Instant lastScan;

        TableUsage add(TableUsage other) {
            tableId = other.tableId;
            scans += other.scans;
            rowsPreFilter += other.rowsPreFilter;
            rowsPreUserFilter += other.rowsPreUserFilter;
            rowsReturned += other.rowsReturned;
            ghostMeasuredScans += other.ghostMeasuredScans;
            wildcardScans += other.wildcardScans;
            if (other.firstAquaStart != null && (firstAquaStart == null || other.firstAquaStart.isBefore(firstAquaStart))) {
                // The other period saw AQUA first: its first scan is the first touch; ours become steady state.
                if (firstAquaSeconds != null) aquaSeconds.add(firstAquaSeconds);
                firstAquaStart = other.firstAquaStart;
                firstAquaSeconds = other.firstAquaSeconds;
                aquaSeconds.addAll(other.aquaSeconds);
            } else {
                if (other.firstAquaSeconds != null) aquaSeconds.add(other.firstAquaSeconds);
                aquaSeconds.addAll(other.aquaSeconds);
            }
            wildcardClusterSeconds.addAll(other.wildcardClusterSeconds);
            clusterSeconds.addAll(other.clusterSeconds);
            aquaDistinctRowsMax = Math.max(aquaDistinctRowsMax, other.aquaDistinctRowsMax);
            aquaDistinctScans += other.aquaDistinctScans;
            if (name == null) name = other.name;
            if (other.lastScan != null && (lastScan == null || other.lastScan.isAfter(lastScan))) lastScan = other.lastScan;
            return this;
        }

        /** Ghost rows read per scan, where measured. */
        public double ghostRows() {
            return Math.max(0, rowsPreFilter - rowsPreUserFilter);
        }
    }
}
