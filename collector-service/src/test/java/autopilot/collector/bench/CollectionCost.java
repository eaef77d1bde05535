package autopilot.collector.bench;

import autopilot.collector.CollectorMetrics;
import autopilot.sim.SimCluster;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * What one collection of one cluster cost, measured around the call on the thread that makes it
 * (collections read and encode rows on the caller's thread; since 2026-12-07 the parts' messages are
 * encoded and sent to SQS on a publishing thread and join texts parsed on a thread of their own, so the
 * collecting thread's CPU leaves those out and the process CPU includes them).
 *
 * @param wallSeconds        elapsed time of the call
 * @param threadCpuSeconds   CPU time of the collecting thread (not GC, JIT or the simulator's gateway threads)
 * @param processCpuSeconds  CPU time of the whole test JVM over the call: the collecting thread, GC, JIT, and the
 *                           in-process simulator gateway (the simulator's PostgreSQL and moto are other processes)
 * @param gatewayCpuSeconds  CPU time of the simulator's gateway threads ({@code wire-gateway-*}) over the call
 * @param gcCount            garbage collections during the call
 * @param gcSeconds          time the collectors report for them (pauses; not concurrent work)
 * @param gcCpuSeconds       CPU time of the JVM's GC threads and VM thread over the call (Linux /proc, 10 ms ticks)
 * @param jitCpuSeconds      CPU time of the JIT compiler threads over the call (Linux /proc, 10 ms ticks): warm-up a
 *                           long-running collector no longer pays
 * @param allocatedBytes     bytes allocated by the collecting thread
 * @param gatewayAllocatedBytes bytes allocated by the gateway threads
 * @param heapBeforeBytes    heap in use before the call, just after a full GC (what is retained)
 * @param poolPeakBytes      sum of the heap pools' peaks over the call (peaks reset before): an upper bound that counts
 *                           garbage not yet collected, and peaks of different pools at different moments
 * @param maxAfterGcBytes    highest heap in use just after a young or full GC during the call (-1: no GC happened):
 *                           close to the live peak when collections ran
 * @param retainedAfterBytes heap in use after the call and a full GC
 * @param statements         statements the collector's user sent to the cluster (the simulator's statement log)
 * @param sessionsOpened     sessions among them not seen in the log before (new connections)
 * @param statementKinds     the statements by kind
 * @param rowsRead           rows the collector read ({@code autopilot.collector.rows.read}, every source)
 * @param queriesRead        of them, rows of the {@code queries} source
 * @param partsPublished     snapshot parts SQS accepted
 * @param bytesPublished     bytes of those parts
 */
record CollectionCost(double wallSeconds, double threadCpuSeconds, double processCpuSeconds, double gatewayCpuSeconds,
                      long gcCount, double gcSeconds, double gcCpuSeconds, double jitCpuSeconds, long allocatedBytes,
                      long gatewayAllocatedBytes, long heapBeforeBytes, long poolPeakBytes, long maxAfterGcBytes,
                      long retainedAfterBytes, int statements, int sessionsOpened, Map<String, Integer> statementKinds,
                      long rowsRead, long queriesRead, long partsPublished, long bytesPublished) {

    /** The collector's user on the simulated clusters. */
    static final String USER = "monitor";

    /** A collection to measure. */
    interface Collection {
        void run() throws Exception;
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * Process CPU minus the simulator's gateway threads and the JIT compiler: what a warmed-up collector
     * process would spend, GC and every other JVM thread included.
     */
    double collectorProcessCpuSeconds() {
        return Math.max(threadCpuSeconds, processCpuSeconds - gatewayCpuSeconds - jitCpuSeconds);
    }

    /**
     * The heap one collection needs above what was retained before it: the highest heap just after a
     * GC during it; if no GC ran, the pool peaks or what the collecting and gateway threads allocated,
     * whichever is less (both upper bounds).
     */
    long workingSetBytes() {
        long peak = maxAfterGcBytes >= 0 ? Math.max(maxAfterGcBytes, retainedAfterBytes) - heapBeforeBytes
                : Math.min(poolPeakBytes - heapBeforeBytes, allocatedBytes + gatewayAllocatedBytes);
        return Math.max(0, peak);
    }

    /** Measures one collection of {@code clusterId} on {@code cluster}. */
    static CollectionCost measure(SimCluster cluster, MeterRegistry registry, String clusterId, Collection collection)
            throws Exception {
        List<SimCluster.ReceivedStatement> logBefore = cluster.receivedStatements();
        Set<Long> knownSessions = logBefore.stream().map(SimCluster.ReceivedStatement::connectionId).collect(Collectors.toSet());
        double rows0 = counted(registry, CollectorMetrics.ROWS_READ, clusterId, null);
        double queries0 = counted(registry, CollectorMetrics.ROWS_READ, clusterId, "queries");
        double parts0 = counted(registry, CollectorMetrics.PARTS_PUBLISHED, clusterId, null);
        double bytes0 = counted(registry, CollectorMetrics.BYTES_PUBLISHED, clusterId, null);

        long heapBefore = retainedHeap();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        Map<Long, long[]> gateway0 = gatewayThreads();
        long gcCount0 = gcTotal(GarbageCollectorMXBean::getCollectionCount);
        long gcMillis0 = gcTotal(GarbageCollectorMXBean::getCollectionTime);
        long[] jvm0 = JvmThreads.cpuNanos();
        try (GcWatch gcs = new GcWatch()) {
            long process0 = OS.getProcessCpuTime();
            long thread0 = THREADS.getCurrentThreadCpuTime();
            long allocated0 = THREADS.getCurrentThreadAllocatedBytes();
            long started = System.nanoTime();
            collection.run();
            long wall = System.nanoTime() - started;
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated0;
            long thread = THREADS.getCurrentThreadCpuTime() - thread0;
            long process = OS.getProcessCpuTime() - process0;
            long poolPeak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long[] gateway = gatewayDelta(gateway0, gatewayThreads());
            long[] jvm = JvmThreads.cpuNanos();
            long gcCount = gcTotal(GarbageCollectorMXBean::getCollectionCount) - gcCount0;
            long gcMillis = gcTotal(GarbageCollectorMXBean::getCollectionTime) - gcMillis0;
            Thread.sleep(200); // GC notifications arrive on a service thread
            long maxAfterGc = gcs.maxAfter();

            List<SimCluster.ReceivedStatement> log = cluster.receivedStatements();
            List<SimCluster.ReceivedStatement> sent = log.subList(logBefore.size(), log.size()).stream()
                    .filter(s -> s.user().equals(USER)).toList();
            Map<String, Integer> kinds = new TreeMap<>();
            sent.forEach(s -> kinds.merge(kind(s.sql()), 1, Integer::sum));
            int opened = (int) sent.stream().map(SimCluster.ReceivedStatement::connectionId).distinct()
                    .filter(id -> !knownSessions.contains(id)).count();
            return new CollectionCost(wall / 1e9, thread / 1e9, process / 1e9, gateway[0] / 1e9, gcCount, gcMillis / 1e3,
                    (jvm[JvmThreads.GC] - jvm0[JvmThreads.GC]) / 1e9, (jvm[JvmThreads.JIT] - jvm0[JvmThreads.JIT]) / 1e9,
                    allocated, gateway[1], heapBefore, poolPeak, maxAfterGc, retainedHeap(), sent.size(), opened, kinds,
                    Math.round(counted(registry, CollectorMetrics.ROWS_READ, clusterId, null) - rows0),
                    Math.round(counted(registry, CollectorMetrics.ROWS_READ, clusterId, "queries") - queries0),
                    Math.round(counted(registry, CollectorMetrics.PARTS_PUBLISHED, clusterId, null) - parts0),
                    Math.round(counted(registry, CollectorMetrics.BYTES_PUBLISHED, clusterId, null) - bytes0));
        }
    }

    /** Each figure's median over several measurements of the same cycle (figure by figure). */
    static CollectionCost median(List<CollectionCost> costs) {
        return new CollectionCost(med(costs, CollectionCost::wallSeconds), med(costs, CollectionCost::threadCpuSeconds),
                med(costs, CollectionCost::processCpuSeconds), med(costs, CollectionCost::gatewayCpuSeconds),
                (long) med(costs, CollectionCost::gcCount), med(costs, CollectionCost::gcSeconds),
                med(costs, CollectionCost::gcCpuSeconds), med(costs, CollectionCost::jitCpuSeconds),
                (long) med(costs, CollectionCost::allocatedBytes), (long) med(costs, CollectionCost::gatewayAllocatedBytes),
                (long) med(costs, CollectionCost::heapBeforeBytes), (long) med(costs, CollectionCost::poolPeakBytes),
                (long) med(costs, CollectionCost::maxAfterGcBytes), (long) med(costs, CollectionCost::retainedAfterBytes),
                (int) med(costs, CollectionCost::statements), (int) med(costs, CollectionCost::sessionsOpened),
                costs.get(costs.size() / 2).statementKinds(), (long) med(costs, CollectionCost::rowsRead),
                (long) med(costs, CollectionCost::queriesRead), (long) med(costs, CollectionCost::partsPublished),
                (long) med(costs, CollectionCost::bytesPublished));
    }

    /** Two collections made one after the other (a first workload and a first table health, say), as one. */
    CollectionCost plus(CollectionCost o) {
        Map<String, Integer> kinds = new TreeMap<>(statementKinds);
        o.statementKinds.forEach((k, n) -> kinds.merge(k, n, Integer::sum));
        return new CollectionCost(wallSeconds + o.wallSeconds, threadCpuSeconds + o.threadCpuSeconds,
                processCpuSeconds + o.processCpuSeconds, gatewayCpuSeconds + o.gatewayCpuSeconds, gcCount + o.gcCount,
                gcSeconds + o.gcSeconds, gcCpuSeconds + o.gcCpuSeconds, jitCpuSeconds + o.jitCpuSeconds,
                allocatedBytes + o.allocatedBytes, gatewayAllocatedBytes + o.gatewayAllocatedBytes,
                Math.min(heapBeforeBytes, o.heapBeforeBytes), Math.max(poolPeakBytes, o.poolPeakBytes),
                Math.max(maxAfterGcBytes, o.maxAfterGcBytes), o.retainedAfterBytes, statements + o.statements,
                sessionsOpened + o.sessionsOpened, kinds, rowsRead + o.rowsRead, queriesRead + o.queriesRead,
                partsPublished + o.partsPublished, bytesPublished + o.bytesPublished);
    }

    /** One line of figures. */
    String line() {
        return String.format(Locale.ROOT, "wall %.2f s, CPU thread %.2f s / process %.2f s (gateway %.2f s, JIT %.2f s, "
                        + "GC threads %.2f s; %d GCs, pauses %.2f s), allocated %d MB (gateway %d MB), heap before %d MB, "
                        + "pool peaks %d MB, max after GC %s, retained after %d MB; "
                        + "%d statements (%s), %d sessions opened, %,d rows read (%,d queries), %d parts, %,d bytes published",
                wallSeconds, threadCpuSeconds, processCpuSeconds, gatewayCpuSeconds, jitCpuSeconds, gcCpuSeconds, gcCount, gcSeconds,
                mb(allocatedBytes),
                mb(gatewayAllocatedBytes), mb(heapBeforeBytes), mb(poolPeakBytes),
                maxAfterGcBytes < 0 ? "n/a (no GC)" : mb(maxAfterGcBytes) + " MB", mb(retainedAfterBytes), statements,
                statementKinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")),
                sessionsOpened, rowsRead, queriesRead, partsPublished, bytesPublished);
    }

    static long mb(long bytes) {
        return bytes >> 20;
    }

    /** What a statement the collector sent is for. */
    static String kind(String sql) {
        String s = sql.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("set ") || s.startsWith("reset ")) {
            return "session settings";
        }
        if (s.equals("select 1")) {
            return "connection checks";
        }
        if (s.contains("has_table_privilege") || s.contains("from \"gen\".") || s.contains("from gen.")) {
            return "column-profile scans";
        }
        return "system-table reads";
    }

    /** Heap in use after a full GC. */
    static long retainedHeap() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static long gcTotal(ToDoubleFunction<GarbageCollectorMXBean> figure) {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> (long) Math.max(0, figure.applyAsDouble(b))).sum();
    }

    private static double counted(MeterRegistry registry, String name, String clusterId, String source) {
        var search = registry.find(name).tag("cluster", clusterId);
        if (source != null) {
            search = search.tag("source", source);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    /** CPU and allocated bytes of each simulator gateway thread alive now, by thread id. */
    private static Map<Long, long[]> gatewayThreads() {
        Map<Long, long[]> figures = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("wire-gateway-")) {
                figures.put(t.getId(), new long[] {THREADS.getThreadCpuTime(t.getId()), THREADS.getThreadAllocatedBytes(t.getId())});
            }
        }
        return figures;
    }

    /** Summed growth of the gateway threads' figures (threads that ended in between are lost: the pool keeps them a minute). */
    private static long[] gatewayDelta(Map<Long, long[]> before, Map<Long, long[]> after) {
        long[] delta = new long[2];
        after.forEach((id, now) -> {
            long[] then = before.getOrDefault(id, new long[2]);
            for (int i = 0; i < 2; i++) {
                delta[i] += Math.max(0, now[i] - then[i]);
            }
        });
        return delta;
    }

    private static double med(List<CollectionCost> costs, ToDoubleFunction<CollectionCost> figure) {
        List<Double> sorted = costs.stream().map(figure::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        return sorted.get(sorted.size() / 2);
    }

    /** CPU time of the JVM's own threads, which java.lang.management does not show, from Linux's per-thread accounting. */
    static final class JvmThreads {
        static final int GC = 0;
        static final int JIT = 1;
        /** USER_HZ: the unit of utime and stime in /proc (100 on Linux x86-64). */
        private static final long NANOS_PER_TICK = 10_000_000;

        private JvmThreads() {
        }

        /** Summed CPU nanoseconds of the GC (and VM) threads and of the JIT compiler threads alive now; zeros off Linux. */
        static long[] cpuNanos() {
            long[] cpu = new long[2];
            java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
            if (tasks == null) {
                return cpu;
            }
            for (java.io.File task : tasks) {
                try {
                    String name = java.nio.file.Files.readString(task.toPath().resolve("comm")).strip();
                    int kind = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? JIT
                            : name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread") ? GC : -1;
                    if (kind >= 0) {
                        String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // After the name: state is field 3 of stat, utime 14 and stime 15.
                        cpu[kind] += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
            return cpu;
        }
    }

    /** The highest heap in use right after a young or full collection, while it listens. */
    private static final class GcWatch implements AutoCloseable {
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final Set<String> heapPools = new HashSet<>();
        private final NotificationListener listener;
        private volatile long maxAfter = -1;

        GcWatch() {
            heapPools().forEach(p -> heapPools.add(p.getName()));
            listener = (notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                // Pauses of a concurrent cycle (remark, cleanup) collect nothing: the heap after them still holds the garbage.
                if (info.getGcName().contains("Concurrent")) {
                    return;
                }
                long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                synchronized (this) {
                    maxAfter = Math.max(maxAfter, after);
                }
            };
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(listener, null, null);
                    emitters.add(emitter);
                }
            }
        }

        long maxAfter() {
            return maxAfter;
        }

        @Override
        public void close() throws Exception {
            for (NotificationEmitter emitter : emitters) {
                emitter.removeNotificationListener(listener);
            }
        }
    }
}
