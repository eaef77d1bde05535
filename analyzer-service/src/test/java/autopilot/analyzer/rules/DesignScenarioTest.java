package autopilot.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.CollectorOnce;
import autopilot.analyzer.engine.Outcome;
import autopilot.analyzer.engine.Pipeline;
import autopilot.analyzer.engine.PriorState;
import autopilot.analyzer.model.Tables;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.EventCodec;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.Severity;
import autopilot.events.SnapshotPartCollected;
import autopilot.testsupport.RedshiftSimExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Table design advice on the shipped scenarios, end to end through the packaged collector: redshift-sim's star-schema
 * (sampled column profiles, redistribution and broadcast steps, Redshift's own recommendations) and the healthy
 * cluster, which gets no design advice at all. Every statement must be Redshift DDL naming existing objects.
 */
class DesignScenarioTest {

    static final Set<FindingCategory> DESIGN = EnumSet.of(FindingCategory.DISTRIBUTION_DESIGN, FindingCategory.SORT_KEY_DESIGN,
            FindingCategory.COMPRESSION_DESIGN);

    record Analysed(SnapshotData snapshot, List<Finding> design) {
    }

    static Analysed analyse(String cluster, String scenario) throws Exception {
        EventCodec codec = new EventCodec();
        List<SnapshotPartCollected> parts = new ArrayList<>();
        for (String line : CollectorOnce.collect(cluster, RedshiftSimExtension.shared(scenario))) {
            if (line.contains("\"SnapshotPartCollected\"")) parts.add(codec.decode(line, SnapshotPartCollected.class).payload());
        }
        SnapshotData snapshot = SnapshotData.of(cluster, parts);
        Outcome outcome = new Pipeline(TestThresholds.defaults(), t -> false).run(snapshot, PriorState.empty(), Instant.now());
        return new Analysed(snapshot, outcome.transitions().stream().map(t -> t.finding())
                .filter(f -> DESIGN.contains(f.category())).toList());
    }

    static Finding find(List<Finding> findings, FindingCategory category, String table) {
        return findings.stream().filter(f -> f.category() == category && f.subject().name().equals(table)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + category + " finding on " + table + " among " + findings.stream()
                        .map(f -> f.category() + ":" + f.subject().name()).toList()));
    }

    static String detail(Finding f, String name) {
        return f.evidence().stream().filter(e -> e.name().equals(name)).map(e -> e.detail() != null ? e.detail() : String.valueOf(e.value()))
                .findFirst().orElse(null);
    }

    @Test
    void starSchemaGetsDistributionSortAndRedshiftAdviceWithValidDdl() throws Exception {
        Analysed a = analyse("star-design", "star-schema");
        List<Finding> design = a.design();

        Finding sales = find(design, FindingCategory.DISTRIBUTION_DESIGN, "sales");
        assertThat(sales.action().sql()).contains("ALTER TABLE \"public\".\"sales\" ALTER DISTSTYLE KEY DISTKEY \"product_id\";",
                "ALTER TABLE \"public\".\"product_dim\" ALTER DISTSTYLE KEY DISTKEY \"product_id\";");
        assertThat(detail(sales, "predicted_skew_sales")).contains("predicted skew_rows");
        assertThat(detail(sales, "redshift_advisor_sales")).startsWith("agrees");

        for (String dim : List.of("date_dim", "store_dim")) {
            assertThat(find(design, FindingCategory.DISTRIBUTION_DESIGN, dim).action().sql())
                    .containsExactly("ALTER TABLE \"public\".\"" + dim + "\" ALTER DISTSTYLE ALL;");
        }

        Finding web = find(design, FindingCategory.SORT_KEY_DESIGN, "web_events");
        assertThat(web.title()).contains("INTERLEAVED");
        assertThat(detail(web, "redshift_advisor_web_events")).startsWith("disagrees");

        Finding click = find(design, FindingCategory.SORT_KEY_DESIGN, "clickstream");
        assertThat(click.action().sql()).containsExactly("ALTER TABLE \"public\".\"clickstream\" ALTER COMPOUND SORTKEY (\"event_time\");");
        assertThat(click.title()).doesNotContain("INTERLEAVED");

        Finding customer = find(design, FindingCategory.SORT_KEY_DESIGN, "customer_dim");
        assertThat(customer.severity()).isEqualTo(Severity.INFO);
        assertThat(customer.title()).startsWith("Redshift recommends");

        RedshiftDdl ddl = new RedshiftDdl(Tables.of(a.snapshot()));
        for (Finding f : design) {
            assertThat(ddl.check(f.action().sql())).as(f.title()).isEmpty();
            assertThat(f.severity()).as("design advice never pages").isNotEqualTo(Severity.CRITICAL);
        }
    }

    @Test
    void theHealthyClusterGetsNoDesignAdvice() throws Exception {
        assertThat(analyse("healthy-design", "healthy").design()).isEmpty();
    }
}
