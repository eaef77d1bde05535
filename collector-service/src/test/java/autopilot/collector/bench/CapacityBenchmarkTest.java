package autopilot.collector.bench;

import static autopilot.collector.bench.CapacityClustersTestResource.DIVERSE_CLUSTERS;
import static autopilot.collector.bench.CapacityClustersTestResource.PORTS;
import static autopilot.collector.bench.CapacityClustersTestResource.POOL_CLUSTERS;
import static autopilot.collector.bench.CapacityClustersTestResource.SIZES;
import static autopilot.collector.bench.CollectionCost.mb;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.collector.source.Source;
import autopilot.sim.SimCluster;
import autopilot.sim.model.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The collector's capacity model (issue 18): what one cluster's collections cost at 300, 3,000 and
 * 10,000 tables, and from that how many clusters one collector task of 0.5 vCPU / 512 MB keeps at
 * the default intervals. Each size is large-collect's generator with that many tables and a day of
 * workload in large-collect's proportion (10 queries per table per day); a steady-state workload
 * cycle logs one workload interval's share of that day as new queries first. Measured per size: the
 * first collection (workload with the initial lookback, then table health, as the scheduler runs
 * them) and three steady-state rounds (new queries, a workload cycle, a table-health cycle), of
 * which the medians count. Then the resident heap of a cluster: with the generated workload's few
 * query shapes, and with the join-text caches full. Every setting is the collector's default but
 * the schedule (off: the benchmark drives it). Not part of the regular suite. Command:
 * {@code ./mvnw -pl collector-service -am verify -Pbenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dtest=CapacityBenchmarkTest}
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(CapacityBenchmarkTest.Resources.class)
class CapacityBenchmarkTest extends CollectorUnderTest {

    /** Only this benchmark's resources and the collector's defaults. */
    public static class Resources extends OwnResources {
        public Resources() {
            super(CapacityClustersTestResource.class);
        }
    }

    /** large-collect's proportion: 100,000 queries a day over 10,000 tables. */
    static final int QUERIES_PER_TABLE_PER_DAY = 10;
    static final int STEADY_ROUNDS = 3;
    /** The task: 0.5 vCPU, 512 MB of which the heap gets about 384 MB; utilisation and occupancy targeted. */
    static final double VCPU = 0.5;
    static final long TASK_HEAP = 384L << 20;
    static final double TARGET = 0.6;
    /** Join texts: the collector caches at most 5,000 parsed ones and holds at most 5,000 waiting, 500 parsed per table health. */
    static final int DISTINCT_TEXTS = 5_000;
    static final int PARSED_PER_TAKE = 500;
    static final int TEXT_CHARS = 1_000;
    /** How far the retained heap of the same state varies between measures (seen: a few MB). */
    static final long HEAP_NOISE = 4L << 20;

    static final List<Source.Group> WORKLOAD = List.of(Source.Group.WORKLOAD);
    static final List<Source.Group> TABLE_HEALTH = List.of(Source.Group.TABLE_HEALTH);

    @Test
    void capacityOfOneCollectorTask() throws Exception {
        progress("%s, %d cores, heap limit %d MB (%s), load average %.2f at start", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), mb(Runtime.getRuntime().maxMemory()),
                ManagementFactory.getGarbageCollectorMXBeans().get(0).getName(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        long baseline = CollectionCost.retainedHeap();
        progress("idle service (and test harness) retains %d MB of heap", mb(baseline));

        List<CapacityModel.Size> sizes = new ArrayList<>();
        for (int tables : SIZES) {
            sizes.add(measureSize(tables, tables == SIZES[0]));
        }
        long[] few = residentPerCluster("pool", POOL_CLUSTERS, CapacityClustersTestResource::poolCluster, false);
        long[] full = residentPerCluster("diverse", DIVERSE_CLUSTERS, CapacityClustersTestResource::diverseCluster, true);
        List<Long> resident = List.of(few[0], full[0] - full[1], full[0]);

        var memory = ManagementFactory.getMemoryMXBean();
        CapacityModel model = new CapacityModel(VCPU, TASK_HEAP, TARGET, config.workloadInterval(), config.tableHealthInterval(),
                baseline, resident);
        System.out.printf("%ncapacity: ==== per-cluster cost (steady state: median of %d rounds; CPU of the collecting thread, "
                + "process CPU and the simulator gateway's share; whatever else runs on the machine shares its cores) ====%n",
                STEADY_ROUNDS);
        for (CapacityModel.Size s : sizes) {
            System.out.printf("capacity: %,6d tables  first collection  %s%n", s.tables(), s.first().line());
            System.out.printf("capacity: %,6d tables  workload cycle    %s%n", s.tables(), s.workload().line());
            System.out.printf("capacity: %,6d tables  table health      %s%n", s.tables(), s.tableHealth().line());
        }
        System.out.printf("capacity: ==== footprint on the monitored cluster per collection (simulator statement log; "
                + "rows: autopilot.collector.rows.read) ====%n");
        for (CapacityModel.Size s : sizes) {
            double perHour = model.workloadsPerHour();
            double thPerHour = model.tableHealthsPerHour();
            System.out.printf(Locale.ROOT, "capacity: %,6d tables  first: %,d statements, %,d rows; each workload cycle: %,d statements, "
                            + "%,d rows; each table health: %,d statements, %,d rows; per hour: %,d statements, %,d rows%n",
                    s.tables(), s.first().statements(), s.first().rowsRead(), s.workload().statements(), s.workload().rowsRead(),
                    s.tableHealth().statements(), s.tableHealth().rowsRead(),
                    Math.round(perHour * s.workload().statements() + thPerHour * s.tableHealth().statements()),
                    Math.round(perHour * s.workload().rowsRead() + thPerHour * s.tableHealth().rowsRead()));
        }
        System.out.printf(Locale.ROOT, "capacity: ==== model: one task of %.1f vCPU, %d MB heap of 512 MB, %.0f %% target; "
                        + "workload every %s, table health every %s ====%n", VCPU, mb(TASK_HEAP), TARGET * 100,
                config.workloadInterval(), config.tableHealthInterval());
        System.out.printf(Locale.ROOT, "capacity: idle service %d MB retained; resident per cluster %.2f MB (generated workload), "
                        + "%.2f MB (parsed-text cache full), %.2f MB (and as many texts waiting); non-heap in use now %d MB, "
                        + "%d threads (test JVM); load average %.2f at the end%n",
                mb(baseline), resident.get(0) / 1048576.0, resident.get(1) / 1048576.0, resident.get(2) / 1048576.0,
                mb(memory.getNonHeapMemoryUsage().getUsed()),
                ManagementFactory.getThreadMXBean().getThreadCount(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<String> summary = new ArrayList<>();
        for (CapacityModel.Size s : sizes) {
            List<String> lines = model.describe(s);
            lines.forEach(l -> System.out.println("capacity: " + l));
            summary.add(String.format(Locale.ROOT, "%,d tables: %s", s.tables(), lines.get(lines.size() - 1).replace("  => ", "")));
        }
        System.out.println("capacity: ==== summary ====");
        summary.forEach(l -> System.out.println("capacity: " + l));
        System.out.println();
        for (CapacityModel.Size s : sizes) {
            // At least: queries of the installed day that ended within the settle lag before the first collection come later.
            assertThat(s.workload().queriesRead()).as("every new query of a cycle is read in it").isGreaterThanOrEqualTo(s.cycleQueries());
        }
    }

    /** One size: a first collection, then steady-state rounds; its simulator runs only meanwhile. */
    private CapacityModel.Size measureSize(int tables, boolean warmUp) throws Exception {
        int dayQueries = tables * QUERIES_PER_TABLE_PER_DAY;
        int cycleQueries = (int) Math.max(1, Math.round(dayQueries * (double) config.workloadInterval().toSeconds() / 86_400));
        Scenario scenario = BenchWorkload.largeCollect(tables, dayQueries);
        progress("%,d tables: installing the simulated cluster (%,d queries over the last day)", tables, dayQueries);
        long started = System.nanoTime();
        try (SimCluster sim = SimCluster.start(scenario, PORTS.get(Integer.toString(tables)))) {
            progress("%,d tables: installed in %.0f s", tables, (System.nanoTime() - started) / 1e9);
            if (warmUp) {
                collections.collect("warm", WORKLOAD);
                collections.collect("warm", TABLE_HEALTH);
                progress("%,d tables: warm-up collection of another cluster id done (not measured)", tables);
            }
            String id = CapacityClustersTestResource.clusterId(tables);
            CollectionCost firstWorkload = measure(sim, id, WORKLOAD, "first workload (%s lookback)".formatted(config.initialLookback()));
            Instant lastWorkload = Instant.now();
            CollectionCost firstTableHealth = measure(sim, id, TABLE_HEALTH, "first table health");
            List<CollectionCost> workload = new ArrayList<>();
            List<CollectionCost> tableHealth = new ArrayList<>();
            for (int round = 1; round <= STEADY_ROUNDS; round++) {
                // New queries end after the last window and before this one's end (now - settle lag), as on a cluster.
                Instant now = Instant.now();
                BenchWorkload.append(sim, BenchWorkload.fromPatterns(scenario, scenario.generator().seed() + 1_000 + round, cycleQueries,
                        Duration.between(lastWorkload, now)), now.minus(config.settleLag()));
                workload.add(measure(sim, id, WORKLOAD, "steady workload cycle " + round + " (" + cycleQueries + " new queries)"));
                lastWorkload = Instant.now();
                tableHealth.add(measure(sim, id, TABLE_HEALTH, "steady table health " + round));
            }
            return new CapacityModel.Size(tables, dayQueries, cycleQueries, firstWorkload, firstTableHealth,
                    CollectionCost.median(workload), CollectionCost.median(tableHealth));
        }
    }

    private CollectionCost measure(SimCluster sim, String id, List<Source.Group> groups, String what) throws Exception {
        CollectionCost cost = CollectionCost.measure(sim, registry, id, () -> collections.collect(id, groups));
        progress("%s %s: %s", id, what, cost.line());
        return cost;
    }

    /**
     * Heap a cluster keeps between its collections: the retained heap before any of {@code count}
     * clusters was collected, and after each had its first collection and the simulator was stopped
     * (so its gateway's side of the connections is gone and only the collector's remains: the pools
     * with their idle connection, status, metrics, join state). {@code fillCaches}: then rounds of
     * queries with distinct join texts, until each cluster caches {@link #DISTINCT_TEXTS} parsed texts
     * and holds as many waiting for the next table health (the caches' bounds).
     *
     * @return the heap per cluster, and the part of it that the texts waiting for the next table health hold
     */
    private long[] residentPerCluster(String group, int count, IntFunction<String> ids, boolean fillCaches) throws Exception {
        Scenario scenario = BenchWorkload.largeCollect(SIZES[0], SIZES[0] * QUERIES_PER_TABLE_PER_DAY);
        long before = CollectionCost.retainedHeap();
        long sessions;
        long during;
        long parsedOnly = -1;
        try (SimCluster sim = SimCluster.start(scenario, PORTS.get(group))) {
            for (int i = 1; i <= count; i++) {
                collections.collect(ids.apply(i), WORKLOAD);
                collections.collect(ids.apply(i), TABLE_HEALTH);
            }
            if (fillCaches) {
                int rounds = DISTINCT_TEXTS / PARSED_PER_TAKE;
                Instant last = Instant.now();
                for (int round = 0; round <= rounds; round++) {
                    if (round == rounds) {
                        parsedOnly = CollectionCost.retainedHeap();
                    }
                    int first = round * DISTINCT_TEXTS;
                    List<Scenario.Query> queries = new ArrayList<>();
                    Instant now = Instant.now();
                    Duration since = Duration.between(last, now);
                    for (Scenario.Query q : BenchWorkload.fromPatterns(scenario, 7_000 + round, DISTINCT_TEXTS, since)) {
                        String text = BenchWorkload.distinctJoin(first + queries.size(), SIZES[0], TEXT_CHARS);
                        queries.add(BenchWorkload.withText(q, text));
                    }
                    BenchWorkload.append(sim, queries, now.minus(config.settleLag()));
                    for (int i = 1; i <= count; i++) {
                        collections.collect(ids.apply(i), WORKLOAD);
                        if (round < rounds) { // the last round's texts stay waiting: both caches full
                            collections.collect(ids.apply(i), TABLE_HEALTH);
                        }
                    }
                    last = Instant.now();
                    progress("%s: round %d of %d of %,d distinct join texts collected by %d clusters", group, round + 1, rounds + 1,
                            DISTINCT_TEXTS, count);
                }
            }
            during = CollectionCost.retainedHeap();
            sessions = sim.receivedStatements().stream().filter(s -> s.user().equals(CollectionCost.USER))
                    .map(SimCluster.ReceivedStatement::connectionId).distinct().count();
        }
        long after = CollectionCost.retainedHeap();
        long grown = after - before;
        if (grown < HEAP_NOISE) {
            progress("%s: retained heap grew %d KB, within the noise of the measure: %d MB / %d clusters taken as an upper bound",
                    group, grown >> 10, mb(HEAP_NOISE), count);
            grown = HEAP_NOISE;
        }
        long perCluster = grown / count;
        long waiting = fillCaches ? (during - parsedOnly) / count : 0;
        progress("%s: %d clusters, %d sessions opened; retained heap %d MB before, %d MB with the simulator running, %d MB after "
                        + "it stopped: %.2f MB per cluster%s", group, count, sessions, mb(before), mb(during), mb(after),
                perCluster / 1048576.0, fillCaches ? String.format(Locale.ROOT, " (join-text caches full; of which %.2f MB the %,d texts "
                        + "waiting for the next table health)", waiting / 1048576.0, DISTINCT_TEXTS) : "");
        return new long[] {perCluster, waiting};
    }

    private static void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "capacity: " + format + "%n", args);
        System.out.flush();
    }
}
