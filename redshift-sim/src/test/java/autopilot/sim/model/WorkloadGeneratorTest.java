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
    void nothingToGenerate() {
        assertThat(WorkloadGenerator.queries(null)).isEmpty();
        assertThat(WorkloadGenerator.generate(null)).isEmpty();
    }
}
