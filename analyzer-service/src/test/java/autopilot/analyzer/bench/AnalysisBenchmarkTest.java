package autopilot.analyzer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.CollectorOnce;
import autopilot.analyzer.engine.Outcome;
import autopilot.analyzer.engine.Pipeline;
import autopilot.analyzer.engine.PriorState;
import autopilot.analyzer.lifecycle.Transition;
import autopilot.analyzer.model.Workload;
import autopilot.analyzer.rules.Thresholds;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.EventCodec;
import autopilot.events.Finding;
import autopilot.events.SnapshotPartCollected;
import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The analysis benchmark (not part of the regular suite). The snapshot is the packaged collector's
 * one-shot output on the large-collect scenario (10,000 tables, 100,000 queries of the last day),
 * cached in {@code target/bench/}. Runs in a 512 MB heap. Prints: parse-only time (decode and
 * schema-check every part), full analysis time (the same parse, plus the snapshot model, every
 * rule, lifecycle and work planning), their ratio, the peak heap, and the heap after each of ten
 * analyses that carry their state forward, to show it does not grow. Command:
 * {@code ./mvnw -pl analyzer-service -am verify -Pbenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class AnalysisBenchmarkTest {

    static final Path SNAPSHOT = Path.of("target", "bench", "large-collect.jsonl");
    final EventCodec codec = new EventCodec();

    @BeforeAll
    static void snapshot() throws Exception {
        if (Files.exists(SNAPSHOT)) return;
        Files.createDirectories(SNAPSHOT.getParent());
        long started = System.nanoTime();
        System.out.println("benchmark: installing the large-collect scenario in redshift-sim (about 20 s) ...");
        try (SimCluster sim = SimCluster.start(ScenarioLoader.shipped("large-collect"), 0)) {
            System.out.printf("benchmark: installed in %.1f s; collecting it with the packaged collector ...%n",
                    (System.nanoTime() - started) / 1e9);
            CollectorOnce.collectInto("large", sim, SNAPSHOT);
        }
        System.out.printf("benchmark: snapshot of %d MB written to %s in %.1f s%n", Files.size(SNAPSHOT) >> 20, SNAPSHOT,
                (System.nanoTime() - started) / 1e9);
    }

    private void eachPart(Consumer<SnapshotPartCollected> sink) throws Exception {
        try (BufferedReader in = Files.newBufferedReader(SNAPSHOT, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains("\"SnapshotPartCollected\"")) sink.accept(codec.decode(line, SnapshotPartCollected.class).payload());
            }
        }
    }

    private double parseOnly() throws Exception {
        long started = System.nanoTime();
        AtomicLong rows = new AtomicLong();
        eachPart(p -> rows.addAndGet(p.rows().size()));
        assertThat(rows.get()).isGreaterThan(100_000);
        return (System.nanoTime() - started) / 1e9;
    }

    private Outcome analyse(PriorState prior) throws Exception {
        List<SnapshotPartCollected> parts = new ArrayList<>();
        eachPart(parts::add);
        SnapshotData snapshot = SnapshotData.of("large", parts);
        parts.clear();
        return new Pipeline(Thresholds.defaults(), t -> false).run(snapshot, prior, Instant.now());
    }

    @Test
    void analysisOfTheLargeSnapshot() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // Peak heap in use, sampled every 5 ms while the rounds run (pool peaks of different moments do not add up).
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        double parse = Double.MAX_VALUE;
        double analysis = Double.MAX_VALUE;
        Outcome outcome = null;
        for (int round = 0; round < 3; round++) {
            parse = Math.min(parse, parseOnly());
            long started = System.nanoTime();
            outcome = analyse(PriorState.empty());
            analysis = Math.min(analysis, (System.nanoTime() - started) / 1e9);
            System.out.printf("benchmark: round %d: parse %.2f s, analysis %.2f s%n", round + 1, parse, analysis);
        }
        sampler.interrupt();
        long peakMb = peak.get() >> 20;
        long findings = outcome.transitions().size();
        double ratio = analysis / parse;
        System.out.printf("%nbenchmark: large-collect snapshot (10,000 tables, 100,000 queries, %d MB of JSON)%n",
                Files.size(SNAPSHOT) >> 20);
        System.out.printf("benchmark: parse only %.2f s; full analysis %.2f s (%d findings, %d work items); ratio %.2fx (target <= 3x)%n",
                parse, analysis, findings, outcome.plan().items().size(), ratio);
        System.out.printf("benchmark: peak heap in use %d MB (sampled every 5 ms) of a %d MB maximum (target < 512 MB)%n", peakMb,
                Runtime.getRuntime().maxMemory() >> 20);

        // Ten snapshots in a row, each carrying the state forward as the service does.
        Map<Instant, Workload> hours = new TreeMap<>();
        Map<String, Finding> open = new HashMap<>();
        Instant countedUpTo = null;
        List<Long> heapAfter = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Outcome o = analyse(new PriorState(List.of(), hours, Map.of(), open, Map.of(), countedUpTo));
            o.workloadHours().forEach((h, w) -> hours.computeIfAbsent(h, x -> new Workload()).add(w));
            for (Transition t : o.transitions()) {
                if (t instanceof Transition.Resolved) open.remove(t.finding().fingerprint());
                else open.put(t.finding().fingerprint(), t.finding());
            }
            countedUpTo = Instant.now();
            o = null;
            System.gc();
            heapAfter.add(memory.getHeapMemoryUsage().getUsed() >> 20);
        }
        System.out.printf("benchmark: heap after each of 10 analyses (MB, after GC): %s%n", heapAfter);
        long growth = heapAfter.get(9) - heapAfter.get(1);
        boolean pass = analysis < 10 && ratio <= 3 && peakMb < 512 && growth < 32;
        System.out.printf("benchmark: %s (analysis < 10 s: %s, ratio <= 3x: %s, heap < 512 MB: %s, no growth (+%d MB from the 2nd to the 10th): %s)%n%n",
                pass ? "PASS" : "FAIL", analysis < 10, ratio <= 3, peakMb < 512, growth, growth < 32);
        assertThat(analysis).isLessThan(10);
        assertThat(ratio).isLessThanOrEqualTo(3);
        assertThat(growth).isLessThan(32);
    }
}
