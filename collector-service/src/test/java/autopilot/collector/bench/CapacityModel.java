package autopilot.collector.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many clusters one collector task keeps, from the measured cost of one cluster's collections.
 * One instance collects its clusters one after the other (one scheduler tick walks them all), so:
 * <ul>
 * <li>CPU: per cluster and hour, {@code 3600/workload interval} workload cycles and
 *     {@code 3600/table-health interval} table-health cycles at the steady-state cost, against the
 *     task's vCPU at the target utilisation;</li>
 * <li>wall time: every cluster's workload cycle and (worst case, and what the scheduler does, since
 *     every cluster's first table health falls in the same tick) its table-health cycle must end within
 *     one workload interval; measured here, and with the collector's own CPU stretched to the task's vCPU;</li>
 * <li>memory: the retained heap of the idle service, plus the working set of the largest single
 *     collection (they never overlap), plus each cluster's resident state, against the task's heap at
 *     the target occupancy.</li>
 * </ul>
 */
record CapacityModel(double vcpu, long heapBytes, double target, Duration workloadInterval, Duration tableHealthInterval,
                     long baselineHeapBytes, List<Long> residentBytes) {

    /** What the resident heap per cluster was measured with, in the order of {@code residentBytes}. */
    static final List<String> RESIDENT = List.of("the generated workload: a handful of query shapes",
            "a busy cluster: 5,000 parsed join texts of ~1,000 characters cached",
            "the bound: 5,000 parsed and 5,000 more waiting for the next table health");

    /** Cluster-side latency per statement the simulator does not have, for the wall-time sensitivity (assumed, not measured). */
    static final List<Double> STATEMENT_LATENCIES = List.of(0.1, 0.5);

    /** The figures of one size. */
    record Size(int tables, int dayQueries, int cycleQueries, CollectionCost firstWorkload, CollectionCost firstTableHealth,
                CollectionCost workload, CollectionCost tableHealth) {

        CollectionCost first() {
            return firstWorkload.plus(firstTableHealth);
        }

        long largestWorkingSetBytes() {
            return List.of(firstWorkload, firstTableHealth, workload, tableHealth).stream()
                    .mapToLong(CollectionCost::workingSetBytes).max().orElse(0);
        }
    }

    /** One constraint's answer. */
    record Limit(String constraint, int clusters, String how) {
    }

    double workloadsPerHour() {
        return 3600.0 / workloadInterval.toSeconds();
    }

    double tableHealthsPerHour() {
        return 3600.0 / tableHealthInterval.toSeconds();
    }

    double cpuPerClusterHour(Size s, boolean process) {
        return workloadsPerHour() * cpu(s.workload(), process) + tableHealthsPerHour() * cpu(s.tableHealth(), process);
    }

    private static double cpu(CollectionCost c, boolean process) {
        return process ? c.collectorProcessCpuSeconds() : c.threadCpuSeconds();
    }

    Limit byCpu(Size s, boolean process) {
        double budget = vcpu * 3600 * target;
        double perCluster = cpuPerClusterHour(s, process);
        return new Limit("CPU", (int) Math.floor(budget / perCluster), String.format(Locale.ROOT,
                "%.0f x %.3f s + %.0f x %.3f s = %.2f CPU-s per cluster-hour (%s) against %.1f vCPU x 3600 s x %.0f %% = %.0f CPU-s",
                workloadsPerHour(), cpu(s.workload(), process), tableHealthsPerHour(), cpu(s.tableHealth(), process), perCluster,
                process ? "collector process: JVM minus simulator gateway threads, GC and JIT included" : "collecting thread",
                vcpu, target * 100, budget));
    }

    /** Wall time of one cluster in the busiest interval; {@code stretched}: the collector's own CPU slowed to the task's vCPU. */
    double intervalWallSeconds(Size s, boolean stretched) {
        double wall = s.workload().wallSeconds() + s.tableHealth().wallSeconds();
        double cpu = s.workload().threadCpuSeconds() + s.tableHealth().threadCpuSeconds();
        return stretched ? wall + cpu * (1 / vcpu - 1) : wall;
    }

    Limit byWall(Size s, boolean stretched) {
        double perCluster = intervalWallSeconds(s, stretched);
        long interval = workloadInterval.toSeconds();
        return new Limit("wall time", (int) Math.floor(interval / perCluster), String.format(Locale.ROOT,
                "workload %.2f s + table health %.2f s%s = %.2f s per cluster in the busiest %d-s interval",
                s.workload().wallSeconds(), s.tableHealth().wallSeconds(),
                stretched ? String.format(Locale.ROOT, " + collecting-thread CPU %.2f s x (1/%.1f - 1)",
                        s.workload().threadCpuSeconds() + s.tableHealth().threadCpuSeconds(), vcpu) : " (as measured)",
                perCluster, interval));
    }

    /** Clusters by wall time if each statement took {@code latency} seconds more on the cluster than on the simulator. */
    Limit byWallWithLatency(Size s, double latency) {
        int statements = s.workload().statements() + s.tableHealth().statements();
        double perCluster = intervalWallSeconds(s, true) + statements * latency;
        return new Limit("wall time", (int) Math.floor(workloadInterval.toSeconds() / perCluster), String.format(Locale.ROOT,
                "IF each of the %d statements took %.1f s more on a real leader node (assumed, not measured): %.1f s per cluster",
                statements, latency, perCluster));
    }

    Limit byMemory(Size s, int resident) {
        long usable = (long) (heapBytes * target);
        long left = usable - baselineHeapBytes - s.largestWorkingSetBytes();
        long perCluster = residentBytes.get(resident);
        return new Limit("memory", (int) Math.max(0, left / Math.max(1, perCluster)), String.format(Locale.ROOT,
                "(%d MB heap x %.0f %% = %d MB) - idle service %d MB - largest collection's working set %d MB = %d MB, "
                        + "/ %.2f MB resident per cluster (%s)",
                mb(heapBytes), target * 100, mb(usable), mb(baselineHeapBytes), mb(s.largestWorkingSetBytes()), mb(left),
                perCluster / 1048576.0, RESIDENT.get(resident)));
    }

    /** The model of one size, as printed lines; the last names the binding constraint. */
    List<String> describe(Size s) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%,d tables (%,d queries a day, %,d new per %d-min workload cycle):", s.tables(),
                s.dayQueries(), s.cycleQueries(), workloadInterval.toMinutes()));
        Limit cpuThread = byCpu(s, false);
        Limit cpuProcess = byCpu(s, true);
        Limit wall = byWall(s, false);
        Limit wallStretched = byWall(s, true);
        List<Limit> limits = new ArrayList<>(List.of(cpuThread, cpuProcess, wall, wallStretched));
        STATEMENT_LATENCIES.forEach(latency -> limits.add(byWallWithLatency(s, latency)));
        List<Limit> memory = new ArrayList<>();
        for (int i = 0; i < residentBytes.size(); i++) {
            memory.add(byMemory(s, i));
        }
        limits.addAll(memory);
        for (Limit l : limits) {
            lines.add(String.format(Locale.ROOT, "  %-9s %,7d clusters: %s", l.constraint(), l.clusters(), l.how()));
        }
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < memory.size(); i++) {
            Limit least = min(cpuProcess, wallStretched, memory.get(i));
            answers.add(String.format(Locale.ROOT, "%,d bound by %s (%s)", least.clusters(), least.constraint(),
                    RESIDENT.get(i).replaceFirst(":.*", "")));
        }
        lines.add("  => clusters per task: " + String.join("; ", answers)
                + " [process CPU, wall time stretched to the task's vCPU, no cluster-side latency]");
        return lines;
    }

    private static Limit min(Limit... limits) {
        Limit least = limits[0];
        for (Limit l : limits) {
            if (l.clusters() < least.clusters()) {
                least = l;
            }
        }
        return least;
    }

    static long mb(long bytes) {
        return bytes >> 20;
    }
}
