package autopilot.analyzer.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The minutes in which at least one user query was executing, as one 60-bit mask per UTC hour (bit {@code m}: minute
 * {@code m} of the hour), from each query's end and execution time (its run, queue time excluded: a query waiting
 * in a queue keeps nothing busy). Masks merge by OR, so a query counted twice (a re-delivered or re-analysed
 * snapshot) changes nothing, and hours merge in any order. A minute is busy if any query ran during any part of it,
 * so the idle share is a lower bound at one-minute resolution.
 *
 * <p>Kept in {@link Workload#busyMinutes} of the hour the query ended in, keyed by the hour the minutes are in (a
 * query that ran across the hour marks both hours). Per query: a few arithmetic operations and, for a query in the
 * same bucket and hour as the previous one, no map access.
 */
public final class BusyMinutes {

    private static final long MINUTE_MS = 60_000;
    private static final long ALL = (1L << 60) - 1;

    private Workload bucket;
    private long hour = Long.MIN_VALUE;
    private long mask;

    /** Marks the minutes of a query that ended at {@code endMs} (epoch millis) after executing {@code execMs}, into {@code into}. */
    public void add(Workload into, long endMs, double execMs) {
        long lastMinute = Math.floorDiv(Math.max(endMs - 1, endMs - (long) execMs), MINUTE_MS);
        long firstMinute = Math.floorDiv(endMs - (long) execMs, MINUTE_MS);
        for (long h = Math.floorDiv(firstMinute, 60); h <= Math.floorDiv(lastMinute, 60); h++) {
            long from = Math.max(firstMinute - h * 60, 0);
            long to = Math.min(lastMinute - h * 60, 59);
            long bits = ((1L << (to - from + 1)) - 1) << from;
            if (into != bucket || h != hour) {
                flush();
                bucket = into;
                hour = h;
            }
            mask |= bits;
        }
    }

    /** Puts the mask being built into its bucket; call once all queries were added. */
    public void flush() {
        if (bucket != null && mask != 0) {
            bucket.busyMinutes.merge(Instant.ofEpochSecond(hour * 3600), mask, (a, b) -> a | b);
        }
        bucket = null;
        hour = Long.MIN_VALUE;
        mask = 0;
    }

    /** Each hour's masks of several workload hours, OR-merged. */
    public static Map<Instant, Long> merged(Collection<Workload> hours) {
        Map<Instant, Long> all = new TreeMap<>();
        for (Workload w : hours) w.busyMinutes.forEach((h, m) -> all.merge(h, m, (a, b) -> a | b));
        return all;
    }

    /**
     * The share (%) of the 24 hours before {@code asOf} (whole minutes) in which no user query was running, from the
     * masks of the workload hours known; minutes without a mark are idle.
     */
    public static double idlePct(Map<Instant, Long> masks, Instant asOf) {
        long end = Math.floorDiv(asOf.toEpochMilli(), MINUTE_MS);
        long start = end - Duration.ofDays(1).toMinutes();
        long busy = 0;
        for (Map.Entry<Instant, Long> e : masks.entrySet()) {
            long hourMinute = e.getKey().getEpochSecond() / 60;
            long from = Math.max(start - hourMinute, 0);
            long to = Math.min(end - hourMinute, 60); // exclusive
            if (to <= from) continue;
            long window = ((1L << (to - from)) - 1) << from;
            busy += Long.bitCount(e.getValue() & window & ALL);
        }
        return 100.0 * (end - start - busy) / (end - start);
    }
}
