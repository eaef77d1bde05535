package autopilot.analyzer.rules;

import static autopilot.analyzer.rules.WlmQueueRuleTest.detail;
import static autopilot.analyzer.rules.WlmQueueRuleTest.value;
import static autopilot.analyzer.rules.WorkloadSnapshot.T0;
import static autopilot.analyzer.rules.WorkloadSnapshot.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import autopilot.analyzer.model.QueryText;
import autopilot.events.ObjectRef;
import autopilot.events.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules that judge query patterns: compile time, disk-based steps, optimizer alerts, top queries. */
class PatternRulesTest {

    private static final String REPORT = "select region, sum(amount) from sales where day = 12 group by region";
    private static final String HASH = QueryText.hash(QueryText.normalise(REPORT));

    private static Instant at(int i) {
        return T0.plusSeconds(60L * i);
    }

    // --- compile time

    @Test
    void patternThatKeepsCompilingIsReportedWithItsShare() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 6; i++) w.compile(w.query(REPORT.replace("12", "" + i), at(i), 1_000), at(i), 900);

        List<FindingDraft> drafts = run(new CompileTimeRule(), w.view());

        assertThat(drafts).hasSize(1);
        FindingDraft d = drafts.get(0);
        assertThat(d.subject()).isEqualTo(new ObjectRef(ObjectRef.Kind.QUERY_PATTERN, HASH, null, null, null));
        assertThat(d.severity()).isEqualTo(Severity.WARNING);
        assertThat(value(d, "compile_dominated_queries")).isEqualTo(6);
        assertThat(value(d, "compile_share_of_execution")).isCloseTo(90, within(0.01));
        assertThat(value(d, "compile_time_per_query")).isCloseTo(900, within(0.01));
        assertThat(detail(d, "sample_query")).isEqualTo(REPORT.replace("12", "0"));
        assertThat(d.benefit().value()).isCloseTo(5.4, within(0.01)); // 6 x 0.9 s in a one-day window
    }

    @Test
    void occasionalCompilationOfAFrequentPatternIsCacheChurnNotAFinding() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 100; i++) {
            long query = w.query(REPORT, at(i), 1_000);
            if (i % 15 == 0) w.compile(query, at(i), 900); // 7 of 100 compiled: under the 10 % share
        }
        assertThat(run(new CompileTimeRule(), w.view())).isEmpty();
    }

    @Test
    void compilationUnderTheMinimumOrWithoutCompiledSegmentsIsNotReported() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 4; i++) w.compile(w.query(REPORT, at(i), 1_000), at(i), 900);
        assertThat(run(new CompileTimeRule(), w.view())).isEmpty();

        WorkloadSnapshot cached = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 6; i++) cached.query(REPORT, at(i), 1_000); // no SVL_COMPILE rows: segments came from the cache
        assertThat(run(new CompileTimeRule(), cached.view())).isEmpty();
    }

    @Test
    void compileDominatedQueriesOfALongPatternAreOnlyInformational() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 5; i++) w.compile(w.query(REPORT, at(i), 1_000), at(i), 800);
        for (int i = 5; i < 10; i++) w.query(REPORT, at(i), 60_000); // the same pattern, cached and long

        FindingDraft d = run(new CompileTimeRule(), w.view()).get(0);

        assertThat(d.severity()).isEqualTo(Severity.INFO);
        assertThat(value(d, "compile_share_of_execution")).isCloseTo(100.0 * 4_000 / 305_000, within(0.01));
    }

    // --- disk-based queries

    @Test
    void spillingPatternUnderManualWlmGetsSlotCountSqlAndNamesTheOperation() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().queue(6, "etl", 3, 4096, "off");
        for (int i = 0; i < 5; i++) {
            long q = w.query(REPORT, at(i), 30_000);
            w.diskStep(q, 2, "hjoin  tbl=0", 9_000_000_000L).diskStep(q, 4, "aggr   tbl=0", 1_000_000L);
        }
        w.query(REPORT, at(9), 30_000);

        FindingDraft d = run(new DiskBasedQueryRule(), w.view()).get(0);

        assertThat(d.severity()).isEqualTo(Severity.WARNING);
        assertThat(value(d, "disk_based_queries")).isEqualTo(5);
        assertThat(value(d, "queries")).isEqualTo(6);
        assertThat(value(d, "disk_based_steps")).isEqualTo(10);
        assertThat(value(d, "disk_based_step_bytes")).isEqualTo(5 * 9_001_000_000.0);
        assertThat(detail(d, "spilled_operations")).isEqualTo("aggr x5, hjoin x5");
        assertThat(d.explanation()).contains("hash join").contains("aggregation spilled");
        assertThat(d.action().sql()).containsExactly("SET wlm_query_slot_count TO 2;", "-- run the query of this pattern",
                "RESET wlm_query_slot_count;");
    }

    @Test
    void aSingleSpillUnderAutomaticWlmIsInformationalWithoutSlotAdvice() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().queue(100, "auto", -1, -1, "auto");
        w.diskStep(w.query(REPORT, at(0), 30_000), 2, "sort   tbl=0", 1_000L);

        FindingDraft d = run(new DiskBasedQueryRule(), w.view()).get(0);

        assertThat(d.severity()).isEqualTo(Severity.INFO);
        assertThat(d.action().sql()).isEmpty();
        assertThat(d.action().runbook()).contains("ANALYZE");
    }

    @Test
    void diskStepWithNullLabelAndBytesStillCounts() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        long q = w.query(REPORT, at(0), 30_000);
        w.diskStep(q, 1, null, 0);

        FindingDraft d = run(new DiskBasedQueryRule(), w.view()).get(0);

        assertThat(detail(d, "spilled_operations")).isEqualTo("unknown x1");
    }

    // --- optimizer alerts

    @Test
    void oneFindingPerPatternAndAlertKindNamingTheTablesWithRedshiftsSolution() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned().table(10, "sales", "day", 50_000_000).table(11, "store_dim", null, 1200);
        for (int i = 0; i < 6; i++) {
            long q = w.query(REPORT, at(i), 6_000);
            w.scan(q, 10, "sales", 2, 1_000, at(i), 2, true).scan(q, 11, "store_dim", 2, 1_000, at(i), 0.1, false);
            w.alert(q, "Large broadcast: more than 1,000,000 rows were broadcast", "Distribute the small table with DISTSTYLE ALL");
            if (i < 2) w.alert(q, "Nested Loop Join in the query plan", "Review the join predicates to avoid Cartesian products");
            w.alert(q, "Missing query planner statistics", "Run the ANALYZE command");
        }

        List<FindingDraft> drafts = run(new OptimizerAlertRule(), w.view());

        assertThat(drafts).extracting(d -> d.subject().name())
                .containsExactlyInAnyOrder(HASH + ":large_broadcast", HASH + ":nested_loop"); // statistics: StatisticsRule
        FindingDraft broadcast = drafts.stream().filter(d -> d.subject().name().endsWith("large_broadcast")).findFirst().orElseThrow();
        assertThat(broadcast.severity()).isEqualTo(Severity.WARNING);
        assertThat(value(broadcast, "queries_with_alert")).isEqualTo(6);
        assertThat(detail(broadcast, "tables")).isEqualTo("public.sales, public.store_dim");
        assertThat(detail(broadcast, "redshift_solution")).isEqualTo("Distribute the small table with DISTSTYLE ALL");
        assertThat(broadcast.action().summary()).contains("DISTSTYLE ALL");
        FindingDraft loop = drafts.stream().filter(d -> d.subject().name().endsWith("nested_loop")).findFirst().orElseThrow();
        assertThat(loop.severity()).isEqualTo(Severity.INFO);
        assertThat(loop.action().summary()).contains("join condition");
    }

    @Test
    void alertKindsAreRecognisedFromRedshiftsEventTexts() {
        assertThat(OptimizerAlertRule.kind("Very selective query filter", "Very selective query filter:ratio=0.01"))
                .isEqualTo(OptimizerAlertRule.Kind.SELECTIVE_FILTER);
        assertThat(OptimizerAlertRule.kind("Distributed a large number of rows across the network", null))
                .isEqualTo(OptimizerAlertRule.Kind.LARGE_DISTRIBUTION);
        assertThat(OptimizerAlertRule.kind("DS_DIST_ALL_INNER for Hash Join in the query plan", null))
                .isEqualTo(OptimizerAlertRule.Kind.SERIAL_EXECUTION);
        assertThat(OptimizerAlertRule.kind("Scanned a large number of deleted rows", null)).isNull();
        assertThat(OptimizerAlertRule.kind("Something new", null)).isEqualTo(OptimizerAlertRule.Kind.OTHER);
    }

    @Test
    void serverlessAlertsWithoutSolutionTextStillExplainAndAdvise() {
        WorkloadSnapshot w = WorkloadSnapshot.serverless();
        for (int i = 0; i < 5; i++) {
            long q = w.query(REPORT, null, null, at(i), 0, 9_000);
            w.scan(q, 20, "web_events", 0, 3_000_000, at(i), 8, false);
            w.alert(q, "Very selective query filter: ratio of rows returned to rows scanned is less than 0.05", null);
        }

        FindingDraft d = run(new OptimizerAlertRule(), w.view()).get(0);

        assertThat(d.subject().name()).isEqualTo(HASH + ":selective_filter");
        assertThat(d.evidence()).noneMatch(e -> e.name().equals("redshift_solution"));
        assertThat(detail(d, "tables")).isEqualTo("web_events"); // no SVV_TABLE_INFO in this snapshot: the scan's name
        assertThat(d.action().summary()).contains("sort key");
    }

    // --- top queries

    @Test
    void costliestPatternsAreListedWithTheirShareAndRank() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        // Minutes of execution x 120, so the two big patterns cost at least the 1 h a day a top pattern must cost.
        for (int i = 0; i < 3; i++) w.query(REPORT, at(i), 7_200_000);
        w.query("select count(*) from web_events", at(5), 3_600_000);
        for (int i = 0; i < 10; i++) w.query("select " + i + " from dual_" + (char) ('a' + i), at(10 + i), 120_000);

        List<FindingDraft> drafts = run(new TopQueryRule(), w.view());

        assertThat(drafts).hasSize(2); // the ten small ones take 5 % each, under the 10 % threshold
        assertThat(drafts.get(0).subject().name()).isEqualTo(HASH);
        assertThat(drafts).allMatch(d -> d.severity() == Severity.INFO);
        assertThat(value(drafts.get(0), "execution_share")).isCloseTo(100.0 * 180 / 220, within(0.01));
        assertThat(value(drafts.get(0), "rank")).isEqualTo(1);
        assertThat(value(drafts.get(1), "execution_share")).isCloseTo(100.0 * 30 / 220, within(0.01));
    }

    @Test
    void evenOrEmptyWorkloadHasNoTopQuery() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 20; i++) w.query("select " + i + " from t_" + (char) ('a' + i), at(i), 1_000);
        assertThat(run(new TopQueryRule(), w.view())).isEmpty();
        assertThat(run(new TopQueryRule(), WorkloadSnapshot.provisioned().view())).isEmpty();
    }

    @Test
    void aQuietClustersBiggestPatternIsNotWorthTuning() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        for (int i = 0; i < 3; i++) w.query(REPORT, at(i), 60_000); // 3 minutes a day: under the 1 h threshold
        assertThat(run(new TopQueryRule(), w.view())).isEmpty();
    }

    @Test
    void aTopPatternNamesTheUsersAndQueryGroupsThatRunItOnServerless() {
        WorkloadSnapshot w = WorkloadSnapshot.serverless().user(100, "bi_user").user(101, "etl_user");
        w.query(REPORT, null, null, at(0), 0, 3_000_000, 101, "nightly");
        w.query(REPORT, null, null, at(1), 0, 1_000_000, 100, null); // SYS_QUERY_HISTORY: NULL without a query group

        FindingDraft d = run(new TopQueryRule(), w.view()).get(0);

        assertThat(d.attribution()).extracting(a -> a.by() + " " + a.name() + " " + a.sharePct())
                .containsExactly("USER etl_user 75.0", "USER bi_user 25.0", "QUERY_GROUP nightly 75.0", "QUERY_GROUP default 25.0");
        assertThat(d.explanation()).endsWith(" etl_user causes 75 % of the execution time (query group nightly 75 %).");
    }

    @Test
    void singleQueryIsTheWholeWorkload() {
        WorkloadSnapshot w = WorkloadSnapshot.serverless();
        w.query(REPORT, null, null, at(0), 0, 4_000_000);

        FindingDraft d = run(new TopQueryRule(), w.view()).get(0);

        assertThat(value(d, "execution_share")).isEqualTo(100);
        assertThat(run(new CompileTimeRule(), w.view())).isEmpty();
        assertThat(run(new DiskBasedQueryRule(), w.view())).isEmpty();
        assertThat(run(new OptimizerAlertRule(), w.view())).isEmpty();
    }
}
