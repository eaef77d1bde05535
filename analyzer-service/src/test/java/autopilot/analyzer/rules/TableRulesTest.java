package autopilot.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.model.Tables;
import autopilot.analyzer.model.WorkloadAggregator;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.ClusterKind;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableRulesTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    final Thresholds t = TestThresholds.defaults();

    /** A table_info row with the fields rules read; the rest as the collector would send them. */
    static Object[] table(long id, String name, String diststyle, String sortkey1, int sortkeyNum, long sizeMb, Double unsorted,
                          Double statsOff, long rows, Double skew, Long visible, Double benefit) {
        return new Object[]{"dev", "public", id, name, "Y", diststyle, sortkey1, 256, "none", sortkeyNum, sizeMb, 1.5, unsorted,
                statsOff, rows, 1.0, skew, visible, benefit, "2026-01-01T00:00:00Z"};
    }

    static ClusterView view(SnapshotData snapshot) {
        return new ClusterView(snapshot.clusterId(), snapshot.kind(), NOW, Tables.of(snapshot), snapshot.hasTableHealth(),
                snapshot.hasWorkload() ? WorkloadAggregator.total(WorkloadAggregator.byHour(snapshot)) : null, snapshot.hasWorkload(),
                java.time.Duration.ofDays(1), TestThresholds.defaults());
    }

    static SnapshotBuilder cluster() {
        return SnapshotBuilder.of("c1", ClusterKind.PROVISIONED, NOW);
    }

    static double evidence(List<Evidence> evidence, String name) {
        return evidence.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void aTableWithoutSortKeyIsNeverUnsortedEvenWhenRedshiftSays100() {
        SnapshotData s = cluster().source("table_info", SnapshotBuilder.TABLE_INFO)
                .row(table(1, "events", "EVEN", null, 0, 50_000, 100.0, 0.0, 10_000_000, 1.0, 10_000_000L, null)).build();
        assertThat(new UnsortedRule().evaluate(view(s))).isEmpty();
    }

    @Test
    void unsortedTableGetsSortOnlyWithToPercentMatchingTheThreshold() {
        SnapshotData s = cluster().source("table_info", SnapshotBuilder.TABLE_INFO)
                .row(table(2, "sales", "KEY(id)", "saletime", 1, 20_000, 63.5, 0.0, 50_000_000, 1.1, 50_000_000L, 45.0)).build();
        List<FindingDraft> drafts = new UnsortedRule().evaluate(view(s));
        assertThat(drafts).hasSize(1);
        FindingDraft d = drafts.get(0);
        assertThat(d.category()).isEqualTo(FindingCategory.UNSORTED_REGION);
        assertThat(evidence(d.evidence(), "unsorted_pct")).isEqualTo(63.5);
        assertThat(d.evidence().stream().filter(e -> e.name().equals("unsorted_pct")).findFirst().orElseThrow().threshold()).isEqualTo(20.0);
        assertThat(d.action().sql().get(0)).isEqualTo("VACUUM SORT ONLY \"public\".\"sales\" TO 80 PERCENT;");
        assertThat(d.work().sortBelowPct()).isEqualTo(80);
        // Not scanned in the window: not worth a page.
        assertThat(d.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void lowSortBenefitMeansNoFinding() {
        SnapshotData s = cluster().source("table_info", SnapshotBuilder.TABLE_INFO)
                .row(table(3, "logs", "EVEN", "ts", 1, 20_000, 86.0, 0.0, 50_000_000, 1.0, 50_000_000L, 2.0)).build();
        assertThat(new UnsortedRule().evaluate(view(s))).isEmpty();
    }

    @Test
    void aVeryLargeTableFarGoneGetsDeepCopyAdviceAndNoVacuum() {
        SnapshotData s = cluster().source("table_info", SnapshotBuilder.TABLE_INFO)
                .row(table(4, "clicks", "KEY(id)", "ts", 1, 800_000, 70.0, 0.0, 9_000_000_000L, 1.0, 9_000_000_000L, 60.0)).build();
        FindingDraft d = new UnsortedRule().evaluate(view(s)).get(0);
        assertThat(d.action().summary()).startsWith("Deep copy");
        assertThat(d.work()).isNull();
    }

    @Test
    void skewFromANullableDistributionKeyNamesTheCause() {
        SnapshotData s = cluster().source("table_info", SnapshotBuilder.TABLE_INFO)
                .row(table(5, "fact", "KEY(customer_id)", "ts", 1, 30_000, 0.0, 0.0, 100_000_000, 12.0, 100_000_000L, 0.0))
                .source("table_slices", SnapshotBuilder.TABLE_SLICES).row(5, 4, 0, 3_000_000, 36_000_000, 100_000_000, 100_000_000, 30_000)
                .source("table_columns", SnapshotBuilder.TABLE_COLUMNS)
                .row("public", "fact", "customer_id", "integer", "az64", true, 0, false)
                .row("public", "fact", "ts", "timestamp", "none", false, 1, true).build();
        FindingDraft d = new SkewRule().evaluate(view(s)).get(0);
        assertThat(evidence(d.evidence(), "skew_rows")).isEqualTo(12.0);
        assertThat(d.explanation()).contains("nullable");
        assertThat(d.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void smallSkewedTablesAndSingleSliceTablesAreLeftAlone() {
        SnapshotData s = cluster().source("table_info", SnapshotBuilder.TABLE_INFO)
                .row(table(6, "tiny", "KEY(id)", null, 0, 10, null, 0.0, 5_000, 50.0, 5_000L, null))
                .row(table(7, "one_slice", "KEY(id)", null, 0, 5_000, null, 0.0, 5_000_000, 1.0, 5_000_000L, null))
                .source("table_slices", SnapshotBuilder.TABLE_SLICES).row(7, 1, 0, 5_000_000, 5_000_000, 5_000_000, 5_000_000, 100).build();
        assertThat(new SkewRule().evaluate(view(s))).isEmpty();
    }

    @Test
    void staleAndMissingStatisticsAreOneFindingEach() {
        SnapshotData s = cluster().source("table_info", SnapshotBuilder.TABLE_INFO)
                .row(table(8, "stale", "EVEN", null, 0, 100, null, 35.0, 2_000_000, 1.0, 2_000_000L, null))
                .row(table(9, "never", "EVEN", null, 0, 100, null, 100.0, 2_000_000, 1.0, 2_000_000L, null))
                .row(table(10, "fresh", "EVEN", null, 0, 100, null, 2.0, 2_000_000, 1.0, 2_000_000L, null)).build();
        List<FindingDraft> drafts = new StatisticsRule().evaluate(view(s));
        assertThat(drafts).extracting(FindingDraft::category)
                .containsExactly(FindingCategory.STALE_STATISTICS, FindingCategory.MISSING_STATISTICS);
        assertThat(drafts.get(0).action().sql()).containsExactly("ANALYZE \"public\".\"stale\" PREDICATE COLUMNS;");
    }

    @Test
    void nullColumnsAndEmptyTablesRaiseNothing() {
        SnapshotData s = cluster().source("table_info", SnapshotBuilder.TABLE_INFO)
                .row(table(11, "nulls", null, null, 0, 0, null, null, 0, null, null, null)).build();
        for (Rule rule : Rules.all()) {
            if (rule.scope() == Rule.Scope.TABLES) assertThat(rule.evaluate(view(s))).as(rule.getClass().getSimpleName()).isEmpty();
        }
    }

    @Test
    void ghostRowsComeFromDeletedRowsAndNameTheScanCost() {
        Instant t0 = NOW.minusSeconds(600);
        SnapshotData s = cluster().source("table_info", SnapshotBuilder.TABLE_INFO)
                .row(table(12, "orders", "KEY(id)", "ts", 1, 5_000, 2.0, 0.0, 10_000_000, 1.0, 6_000_000L, 1.0))
                .source("queries", SnapshotBuilder.QUERIES)
                .row(100, 1, 1, 1, "", "dev", t0, t0.plusSeconds(5), 0, 0, 6, "q", 1, t0, t0, 0, 5_000_000, "select * from orders")
                .source("scans", SnapshotBuilder.SCANS)
                .row(100, 12, "orders", 2, 1, 6_000_000, 10_000_000, 6_000_000, 1, t0, t0.plusSeconds(4), 0).build();
        FindingDraft d = new GhostRowsRule().evaluate(view(s)).get(0);
        assertThat(evidence(d.evidence(), "deleted_rows_pct")).isEqualTo(40.0);
        assertThat(evidence(d.evidence(), "ghost_rows_per_scan")).isEqualTo(4_000_000.0);
        assertThat(d.work().reclaimBelowPct()).isEqualTo(80);
        assertThat(d.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void serverlessSnapshotWithoutSliceDataStillJudgesTables() {
        SnapshotData s = SnapshotBuilder.of("sl", ClusterKind.SERVERLESS, NOW).source("table_info", SnapshotBuilder.TABLE_INFO)
                .row(table(13, "events", "AUTO(EVEN)", "ts", 1, 20_000, 40.0, 50.0, 10_000_000, null, 10_000_000L, 30.0)).build();
        ClusterView v = view(s);
        assertThat(new SkewRule().evaluate(v)).isEmpty();
        assertThat(new UnsortedRule().evaluate(v)).hasSize(1);
        assertThat(new StatisticsRule().evaluate(v)).hasSize(1);
    }
}
