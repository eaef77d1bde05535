package autopilot.sim.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks run end to end on tiny versions of the shipped large scenarios (the real sizes
 * take minutes; the README says how to run them), and those scenarios are the size they claim.
 */
class BenchmarksTest {

    @Test
    void gatewayBenchmarkReadsEveryPathAndPrintsTheRatio() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchOptions tiny = BenchOptions.parse(new String[] {"--tables", "40", "--queries", "300", "--warmup", "1", "--rounds", "1"},
                "large-collect");

        GatewayBenchmark.Result result = GatewayBenchmark.run(tiny, new PrintStream(bytes, true, UTF_8));

        String out = bytes.toString(UTF_8);
        assertThat(result.sameRows()).as(out).isTrue();
        // STL_QUERY and STL_WLM_QUERY hold the 300 generated queries and rdsdb's own (userid 1).
        assertThat(result.rows()).hasSize(4).startsWith(40L);
        assertThat(result.rows().get(1)).isGreaterThan(300L).isEqualTo(result.rows().get(2));
        assertThat(result.rows().get(3)).isPositive();
        assertThat(result.ratio()).isPositive();
        assertThat(out).contains("installed in", "disk: database", "stl_scan")
                .containsPattern("(PASS|FAIL): through the gateway the reads cost \\d+\\.\\d\\dx reading PostgreSQL directly");
    }

    @Test
    void installBenchmarkReportsTimeAndDisk() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchOptions tiny = BenchOptions.parse(new String[] {"--tables", "10", "--queries", "100"}, "large");

        InstallBenchmark.InstallReport report = InstallBenchmark.run(tiny, new PrintStream(bytes, true, UTF_8));

        assertThat(report.tables()).isEqualTo(10);
        assertThat(report.queries()).isEqualTo(100);
        assertThat(report.disk().databaseBytes()).isPositive();
        assertThat(report.disk().dataDirectoryBytes()).isGreaterThan(report.disk().databaseBytes());
        assertThat(bytes.toString(UTF_8)).contains("large: 10 tables and 100 queries installed in");
    }

    @Test
    void largeScenariosAreTheSizeTheyClaimAndShareTheirTables() {
        Scenario large = ScenarioLoader.shipped("large");
        Scenario collect = ScenarioLoader.shipped("large-collect");

        assertThat(large.generator().tables()).isEqualTo(10_000);
        assertThat(large.generator().queries()).isEqualTo(1_000_000);
        assertThat(large.generator().window()).isLessThan(large.cluster().retention());
        assertThat(collect.generator().queries()).isEqualTo(100_000);
        assertThat(collect.generator().window()).isLessThan(collect.cluster().retention());
        assertThat(collect.tables()).hasSize(10_000).isEqualTo(large.tables());
        assertThat(large.users()).extracting(Scenario.User::name).containsExactly("admin", "monitor", "app");
    }

    @Test
    void resizingKeepsTheListedTablesAndRefusesNoTablesForSpreadScans() {
        Scenario modest = ScenarioLoader.shipped("generated-modest");

        Scenario resized = ScenarioSize.resize(modest, 12, 34);

        assertThat(resized.tables()).hasSize(12);
        assertThat(resized.generator().queries()).isEqualTo(34);
        assertThatThrownBy(() -> ScenarioSize.resize(modest, 0, 10)).hasMessageContaining("--tables must be at least 1");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rounds", "x"}, "large"))
                .hasMessageContaining("--rounds takes a count");
    }
}
