package autopilot.analyzer.model;

import java.util.Arrays;

/**
 * Most WLM slots in use at once per queue: the execution intervals of a snapshot's queries, swept
 * in time order per service class. Adding a query stores three numbers in arrays that grow by doubling
 * (no allocation per query); {@link #sweep} sorts one primitive array and raises each
 * queue hour's {@link Workload.QueueHour#peakSlots} to the level reached when one of its queries
 * started.
 */
final class SlotSweep {

    // Sort key: service class (8 bits) | ms since the earliest start (32 bits, 49 days) | start flag | query index (22 bits).
    private static final int INDEX_BITS = 22;
    private static final long MAX_SPAN_MS = (1L << 32) - 1;
    private static final int MAX_CLASS = 255;

    private static final int MAX_QUERIES = 1 << INDEX_BITS;

    private long[] startMs;
    private long[] endMs;
    private int[] slots;
    private Workload.QueueHour[] hours;
    private int size;

    /** @param capacity queries expected; the arrays grow (doubling) past it */
    SlotSweep(int capacity) {
        int n = Math.max(16, Math.min(capacity, MAX_QUERIES));
        startMs = new long[n];
        endMs = new long[n];
        slots = new int[n];
        hours = new Workload.QueueHour[n];
    }

    /** A query of a queue hour that ran {@code execMs} up to {@code endMs} (epoch ms). */
    void add(Workload.QueueHour hour, long endMs, double execMs, long slotCount) {
        if (size == MAX_QUERIES || hour.serviceClass < 0 || hour.serviceClass > MAX_CLASS) return;
        if (size == startMs.length) {
            int n = Math.min(MAX_QUERIES, size * 2);
            startMs = Arrays.copyOf(startMs, n);
            this.endMs = Arrays.copyOf(this.endMs, n);
            slots = Arrays.copyOf(slots, n);
            hours = Arrays.copyOf(hours, n);
        }
        this.endMs[size] = endMs;
        startMs[size] = endMs - Math.max(1, Math.round(execMs));
        slots[size] = (int) Math.max(1, slotCount);
        hours[size] = hour;
        size++;
    }

    void sweep() {
        if (size == 0) return;
        long origin = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) origin = Math.min(origin, startMs[i]);
        long[] events = new long[2 * size];
        for (int i = 0; i < size; i++) {
            long cls = (long) hours[i].serviceClass << 55;
            long start = Math.min(MAX_SPAN_MS, startMs[i] - origin);
            long end = Math.min(MAX_SPAN_MS, endMs[i] - origin);
            // At equal times an end sorts before a start: back-to-back queries do not overlap.
            events[2 * i] = cls | start << (INDEX_BITS + 1) | 1L << INDEX_BITS | i;
            events[2 * i + 1] = cls | end << (INDEX_BITS + 1) | i;
        }
        Arrays.sort(events);
        long currentClass = -1;
        int level = 0;
        for (long e : events) {
            long cls = e >>> 55;
            if (cls != currentClass) {
                currentClass = cls;
                level = 0;
            }
            int i = (int) (e & ((1L << INDEX_BITS) - 1));
            if ((e & 1L << INDEX_BITS) != 0) {
                level += slots[i];
                if (level > hours[i].peakSlots) hours[i].peakSlots = level;
            } else {
                level -= slots[i];
            }
        }
    }
}
