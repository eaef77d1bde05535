package autopilot.analyzer.model;

import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.snapshot.SourceRows;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What a cluster used per UTC hour: Serverless RPU-seconds charged (SYS_SERVERLESS_USAGE.charged_seconds, the
 * column AWS bills by) and provisioned concurrency-scaling seconds (SVCS_CONCURRENCY_SCALING_USAGE). The collector
 * reads both whole from the hour its recent lookback starts in ({@code read_from}), because rows grow after they
 * appear (charged_seconds is computed when a transaction ends); so a snapshot's hours from {@code coveredFrom} on
 * replace what was known of them, and an hour without a row was idle (0). Replacing, not adding, is what keeps a
 * snapshot analysed twice, or an older one analysed late, from counting anything twice.
 *
 * @param coveredFrom    from which hour on the hours are known (earlier ones: no data, not zero)
 * @param rpuSeconds     hour start -> RPU-seconds charged (Serverless; empty on provisioned)
 * @param scalingSeconds hour start -> concurrency-scaling seconds (provisioned; empty on Serverless)
 * @param observedAt     when the newest read of these hours was collected
 */
public record UsageSeries(Instant coveredFrom, NavigableMap<Instant, Double> rpuSeconds, NavigableMap<Instant, Double> scalingSeconds,
                          Instant observedAt) {

    private static final Duration HOUR = Duration.ofHours(1);

    public UsageSeries {
        rpuSeconds = Collections.unmodifiableNavigableMap(new TreeMap<>(rpuSeconds));
        scalingSeconds = Collections.unmodifiableNavigableMap(new TreeMap<>(scalingSeconds));
    }

    /** Whether a snapshot carries a usage source. */
    public static boolean in(SnapshotData snapshot) {
        return snapshot.has(SnapshotData.SERVERLESS_USAGE) || snapshot.has(SnapshotData.CONCURRENCY_SCALING);
    }

    /** The hours a snapshot read, each hour from {@code read_from} to the snapshot's hour present (0 when idle); null without the sources. */
    public static UsageSeries of(SnapshotData snapshot) {
        if (!in(snapshot)) return null;
        Instant upTo = snapshot.collectedAt().truncatedTo(ChronoUnit.HOURS);
        Instant from = null;
        TreeMap<Instant, Double> rpu = new TreeMap<>();
        TreeMap<Instant, Double> scaling = new TreeMap<>();
        if (snapshot.has(SnapshotData.SERVERLESS_USAGE)) {
            for (SourceRows.Row r : snapshot.rows(SnapshotData.SERVERLESS_USAGE).rows()) {
                from = earliest(from, r.instant("read_from"));
                Instant hour = r.instant("hour");
                Double charged = r.doubleValue("charged_seconds");
                if (hour != null && charged != null) rpu.merge(hour, charged, Double::sum);
            }
        }
        if (snapshot.has(SnapshotData.CONCURRENCY_SCALING)) {
            for (SourceRows.Row r : snapshot.rows(SnapshotData.CONCURRENCY_SCALING).rows()) {
                from = earliest(from, r.instant("read_from"));
                Instant start = r.instant("starttime");
                Instant end = r.instant("endtime");
                Double seconds = r.doubleValue("usage_in_seconds");
                if (start != null && end != null && seconds != null) spread(scaling, start, end, seconds);
            }
        }
        if (from == null) return null;
        Instant coveredFrom = from;
        // Hours before read_from were cut: a period that began earlier is counted there only by the older snapshots.
        rpu.headMap(coveredFrom).clear();
        scaling.headMap(coveredFrom).clear();
        for (Instant h = coveredFrom; !h.isAfter(upTo); h = h.plus(HOUR)) {
            if (snapshot.has(SnapshotData.SERVERLESS_USAGE)) rpu.putIfAbsent(h, 0.0);
            if (snapshot.has(SnapshotData.CONCURRENCY_SCALING)) scaling.putIfAbsent(h, 0.0);
        }
        return new UsageSeries(coveredFrom, rpu, scaling, snapshot.collectedAt());
    }

    /**
     * A period's seconds over the UTC hours it overlaps, in proportion to the overlap (usage_in_seconds is the
     * period's total; AWS gives no finer split).
     */
    static void spread(NavigableMap<Instant, Double> hours, Instant start, Instant end, double seconds) {
        if (!end.isAfter(start)) {
            hours.merge(start.truncatedTo(ChronoUnit.HOURS), seconds, Double::sum);
            return;
        }
        double total = Duration.between(start, end).toMillis();
        for (Instant h = start.truncatedTo(ChronoUnit.HOURS); h.isBefore(end); h = h.plus(HOUR)) {
            Instant a = h.isBefore(start) ? start : h;
            Instant b = h.plus(HOUR).isAfter(end) ? end : h.plus(HOUR);
            hours.merge(h, seconds * Duration.between(a, b).toMillis() / total, Double::sum);
        }
    }

    /**
     * These (stored) hours with a newer read laid over them: from the newer read's first hour on, its values replace
     * these; a read older than what is stored changes nothing.
     */
    public UsageSeries with(UsageSeries newer) {
        if (newer == null) return this;
        if (newer.observedAt.isBefore(observedAt)) return this;
        TreeMap<Instant, Double> rpu = new TreeMap<>(rpuSeconds.headMap(newer.coveredFrom));
        rpu.putAll(newer.rpuSeconds);
        TreeMap<Instant, Double> scaling = new TreeMap<>(scalingSeconds.headMap(newer.coveredFrom));
        scaling.putAll(newer.scalingSeconds);
        return new UsageSeries(earliest(coveredFrom, newer.coveredFrom), rpu, scaling, newer.observedAt);
    }

    /** Sum of one series over [from, to). */
    public static double sum(NavigableMap<Instant, Double> hours, Instant from, Instant to) {
        return hours.subMap(from, true, to, false).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
