package autopilot.collector.bench;

import static autopilot.collector.bench.CapacityBenchmarkTest.TABLE_HEALTH;
import static autopilot.collector.bench.CapacityBenchmarkTest.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.collector.CollectorMetrics;
import autopilot.collector.source.Source;
import autopilot.sim.SimCluster;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import io.micrometer.core.instrument.Counter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The collector's footprint on a monitored cluster (issue 18, per-cluster cost): statements sent and
 * rows read per collection at the default settings, for a 300-table cluster (redshift-sim's
 * {@code fleet-member}) and a 10,000-table one ({@code large-collect}), measured on the simulator's
 * side: its statement log (every statement the collector's user sent) and the data rows its gateway
 * sent back to that user. Per cluster: the first workload collection (1-day lookback) and the first
 * table health, then one steady round: a workload interval's share of the scenario's daily queries
 * logged as new, a workload cycle, a table-health cycle. Not part of the regular suite. Command:
 * {@code ./mvnw -pl collector-service -am verify -Pbenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dtest=FootprintBenchmarkTest}
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(FootprintBenchmarkTest.Resources.class)
class FootprintBenchmarkTest extends CollectorUnderTest {

    /** Only this benchmark's clusters and the collector's defaults. */
    public static class Resources extends OwnResources {
        public Resources() {
            super(FootprintClustersTestResource.class);
        }
    }

    /**
     * What one collection cost the cluster: statements and rows sent back (simulator), and the rows of
     * the snapshot's sources (the collector's count: column profiles come from its own store, not the cluster).
     */
    private record Footprint(int statements, Map<String, Integer> kinds, long rowsSent, long rowsCollected) {
        String line() {
            return String.format(Locale.ROOT, "%,d statements (%s), %,d rows read; the snapshot has %,d rows", statements,
                    kinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")),
                    rowsSent, rowsCollected);
        }
    }

    @Test
    void footprintPerCollectionCycle() throws Exception {
        for (String id : List.of("member", "large")) {
            Scenario scenario = ScenarioLoader.shipped(FootprintClustersTestResource.SCENARIOS.get(id));
            Scenario.Generator g = scenario.generator();
            int tables = scenario.tables().size();
            int cycleQueries = (int) Math.max(1, Math.round(g.queries() * (double) config.workloadInterval().toSeconds()
                    / g.window().toSeconds()));
            try (SimCluster sim = SimCluster.start(scenario, FootprintClustersTestResource.PORTS.get(id))) {
                Footprint firstWorkload = measure(sim, id, WORKLOAD);
                Instant lastWorkload = Instant.now();
                Footprint firstHealth = measure(sim, id, TABLE_HEALTH);
                Instant now = Instant.now();
                BenchWorkload.append(sim, BenchWorkload.fromPatterns(scenario, g.seed() + 1, cycleQueries,
                        Duration.between(lastWorkload, now)), now.minus(config.settleLag()));
                Footprint workload = measure(sim, id, WORKLOAD);
                Footprint health = measure(sim, id, TABLE_HEALTH);
                double workloadsPerHour = 3600.0 / config.workloadInterval().toSeconds();
                double healthsPerHour = 3600.0 / config.tableHealthInterval().toSeconds();
                String name = scenario.name() + String.format(Locale.ROOT, " (%,d tables, %,d queries a day)", tables, g.queries());
                print("%s, first workload (%s lookback): %s", name, config.initialLookback(), firstWorkload.line());
                print("%s, first table health: %s", name, firstHealth.line());
                print("%s, workload cycle (%,d new queries, every %s): %s", name, cycleQueries, config.workloadInterval(), workload.line());
                print("%s, table-health cycle (every %s): %s", name, config.tableHealthInterval(), health.line());
                print("%s, per hour at the defaults: %,d statements, %,d rows read", name,
                        Math.round(workloadsPerHour * workload.statements() + healthsPerHour * health.statements()),
                        Math.round(workloadsPerHour * workload.rowsSent() + healthsPerHour * health.rowsSent()));
                assertThat(workload.rowsCollected()).as("the new queries and their rows are read").isGreaterThanOrEqualTo(cycleQueries);
            }
        }
        System.out.println();
    }

    private Footprint measure(SimCluster sim, String id, List<Source.Group> groups) {
        int logged = sim.receivedStatements().size();
        long rows = sim.rowsSent(CollectionCost.USER);
        double collected = collectedRows(id);
        collections.collect(id, groups);
        List<SimCluster.ReceivedStatement> log = sim.receivedStatements();
        Map<String, Integer> kinds = new TreeMap<>();
        log.subList(logged, log.size()).stream().filter(s -> s.user().equals(CollectionCost.USER))
                .forEach(s -> kinds.merge(CollectionCost.kind(s.sql()), 1, Integer::sum));
        return new Footprint(kinds.values().stream().mapToInt(Integer::intValue).sum(), kinds, sim.rowsSent(CollectionCost.USER) - rows,
                Math.round(collectedRows(id) - collected));
    }

    private double collectedRows(String id) {
        return registry.find(CollectorMetrics.ROWS_READ).tag("cluster", id).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void print(String format, Object... args) {
        System.out.printf(Locale.ROOT, "footprint: " + format + "%n", args);
        System.out.flush();
    }
}
