package autopilot.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A seed always gives the same workload, whether it is streamed or built as a list. */
class WorkloadGeneratorTest {

    private static final Scenario.Generator MODEST = ScenarioLoader.shipped("generated-modest").generator();

    @Test
    void streamingRepeatsAndMatchesTheList() {
        List<Scenario.Query> list = WorkloadGenerator.generate(MODEST);
        Iterable<Scenario.Query> stream = WorkloadGenerator.queries(MODEST);
        List<Scenario.Query> first = new ArrayList<>();
        stream.forEach(first::add);
        List<Scenario.Query> second = new ArrayList<>();
        stream.forEach(second::add);
        assertThat(list).hasSize(30_000).isEqualTo(first).isEqualTo(second);
    }

    @Test
    void theSeedStillGivesTheWorkloadItAlwaysGave() {
        // Pinned from the generator before it streamed: a change here changes every shipped generated scenario.
        List<Scenario.Query> queries = WorkloadGenerator.generate(MODEST);
        Scenario.Query second = queries.get(1);
        assertThat(queries.get(0).text()).isEqualTo("insert into gen.t22 select * from staging");
        assertThat(queries.get(0).queueMillis()).isEqualTo(2107);
        assertThat(queries.get(0).execMillis()).isEqualTo(22131);
        assertThat(second.scans()).containsExactly(new Scenario.Scan("gen.t00026", 2, 18186, 363728, 354635, 517, true));
        assertThat(second.queueMillis()).isEqualTo(173);
        assertThat(queries.get(29_999).scans().get(0).table()).isEqualTo("gen.t00027");
        Scenario.Table last = WorkloadGenerator.tables(MODEST).get(299);
        assertThat(last.name()).isEqualTo("t00299");
        assertThat(last.rows()).isEqualTo(4_095_601);
        assertThat(last.deletedRows()).isEqualTo(63_686);
    }

    @Test
    void perSliceFiguresOfAPatternVaryTogetherAndKeepTheirTotals() {
        Scenario.Scan skewed = new Scenario.Scan("events", 2, 1040, 1100, 1100, 400, false, List.of(
                new Scenario.SliceScan(1000, 1050, 1050, 64_000, 400), new Scenario.SliceScan(40, 50, 50, 2560, 20)));
        Scenario.Generator g = new Scenario.Generator(3, 0, 50, java.time.Duration.ofHours(1), List.of(new Scenario.Pattern(
                "select 1", "u", 1, 6, 100, 0, 0, 0, List.of(skewed), List.of(), List.of(), "analytics")));
        for (Scenario.Query q : WorkloadGenerator.generate(g)) {
            assertThat(q.database()).isEqualTo("analytics");
            Scenario.Scan scan = q.scans().get(0);
            List<Scenario.SliceScan> slices = scan.slices();
            assertThat(slices).hasSize(2);
            // The skew stays: slice 0 does about 25 times the work of slice 1, whatever the draw.
            assertThat(slices.get(0).rows() / (double) slices.get(1).rows()).isBetween(24.0, 26.0);
            assertThat(scan.rows()).isEqualTo(slices.get(0).rows() + slices.get(1).rows());
            assertThat(scan.rowsPreFilter()).isEqualTo(slices.get(0).rowsPreFilter() + slices.get(1).rowsPreFilter());
            assertThat(scan.millis()).isEqualTo(Math.max(slices.get(0).millis(), slices.get(1).millis()));
            assertThat(ScanSlices.bytes(scan)).isEqualTo(slices.get(0).bytes() + slices.get(1).bytes());
        }
    }

    @Test
    void nothingToGenerate() {
        assertThat(WorkloadGenerator.queries(null)).isEmpty();
        assertThat(WorkloadGenerator.generate(null)).isEmpty();
    }
}
