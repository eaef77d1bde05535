package autopilot.analyzer.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.lifecycle.Transition;
import autopilot.analyzer.state.FindingStore;
import autopilot.events.Benefit;
import autopilot.events.Evidence;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long a cluster's findings page takes at the size of a 10,000-table cluster: the 7,313 open findings the analysis
 * benchmark's large-collect snapshot raises, written through the analyzer's finding store (as an analysis writes them),
 * then the cluster page fetched over HTTP: first page by benefit, a deep page, a category filter. Prints the median
 * and worst of ten rounds after a warm-up; fails over a second. Run with
 * {@code ./mvnw -pl analyzer-service verify -Pbenchmark -Dtest=ConsoleBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ConsoleBenchmarkTest {

    static final String CLUSTER = "bench-console";
    static final int FINDINGS = 7_313;
    static final FindingCategory[] CATEGORIES = {FindingCategory.UNSORTED_REGION, FindingCategory.STALE_STATISTICS,
            FindingCategory.GHOST_ROWS, FindingCategory.DISTRIBUTION_SKEW, FindingCategory.COMPRESSION_DESIGN,
            FindingCategory.SORT_KEY_DESIGN, FindingCategory.MAINTENANCE_FORECAST};

    @Inject
    FindingStore store;
    @Inject
    AgroalDataSource state;

    @Test
    void aClusterPageOfSevenThousandFindingsRendersUnderASecond() throws Exception {
        Instant now = Instant.now();
        long loadStart = System.nanoTime();
        try (Connection c = state.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < FINDINGS; i++) {
                FindingCategory category = CATEGORIES[i % CATEGORIES.length];
                ObjectRef table = new ObjectRef(ObjectRef.Kind.TABLE, "t" + i, "dev", "public", (long) i);
                Severity severity = i % 50 == 0 ? Severity.CRITICAL : i % 3 == 0 ? Severity.WARNING : Severity.INFO;
                Finding f = new Finding(Finding.fingerprint(CLUSTER, category, table), category, severity, table,
                        "Table public.t" + i + " is " + (20 + i % 80) + "% unsorted", "Scans read blocks they could skip.",
                        List.of(Evidence.measured("unsorted_pct", 20 + i % 80, "%", 20.0), Evidence.measured("size_mb", 1_000 + i, "MB", null),
                                Evidence.text("sortkey1", "ts")),
                        new RecommendedAction("Sort the table", List.of("VACUUM SORT ONLY \"public\".\"t" + i + "\" TO 80 PERCENT;",
                                "ANALYZE \"public\".\"t" + i + "\" PREDICATE COLUMNS;"), "In the window."),
                        new Benefit("vacuum_sort_benefit", (i * 7919L % 10_000) / 100.0, "% scan time"), now.minusSeconds(i), now,
                        UUID.randomUUID(), null, null);
                store.apply(c, CLUSTER, new Transition.Raised(f), now);
            }
            c.commit();
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        String[] paths = {"/console/clusters/" + CLUSTER, "/console/clusters/" + CLUSTER + "?page=100",
                "/console/clusters/" + CLUSTER + "?category=STALE_STATISTICS&sort=severity", "/console/clusters"};
        List<String> lines = new ArrayList<>();
        for (String path : paths) {
            for (int i = 0; i < 3; i++) assertThat(given().get(path).statusCode()).isEqualTo(200); // warm-up
            double[] ms = new double[10];
            int bytes = 0;
            for (int i = 0; i < ms.length; i++) {
                long start = System.nanoTime();
                var r = given().get(path);
                ms[i] = (System.nanoTime() - start) / 1e6;
                assertThat(r.statusCode()).isEqualTo(200);
                bytes = r.body().asByteArray().length;
            }
            Arrays.sort(ms);
            lines.add(String.format(Locale.ROOT, "benchmark: console %s: median %.0f ms, worst %.0f ms (%,d bytes)", path, ms[ms.length / 2],
                    ms[ms.length - 1], bytes));
            assertThat(ms[ms.length - 1]).as(path + " worst of ten rounds, ms").isLessThan(1_000);
        }
        System.out.printf(Locale.ROOT, "benchmark: console: %,d open findings written through the finding store in %.1f s%n", FINDINGS, loadSeconds);
        lines.forEach(System.out::println);
    }
}
