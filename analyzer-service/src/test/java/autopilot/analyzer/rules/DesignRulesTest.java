package autopilot.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.model.ColumnProfile;
import autopilot.analyzer.model.DesignFacts;
import autopilot.analyzer.model.Tables;
import autopilot.analyzer.model.WorkloadAggregator;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Table design advice on a hand-made star schema (the story of redshift-sim's star-schema scenario): a fact table on
 * a nullable key joined to a product dimension, small dimensions, a large table filtered on varying subsets, a time
 * series, and Redshift's own recommendations. Every statement must parse under {@link RedshiftDdl}.
 */
class DesignRulesTest {

    static final Instant T0 = WorkloadSnapshot.T0;

    /** A star schema with the workload of a day (queries spread over 20 hours). */
    static WorkloadSnapshot star(boolean withAdvisor) {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        SnapshotBuilder b = w.builder();
        table(b, 1, "sales", "KEY(promo_id)", "date_id", 1, 600_000_000L, 20.0);
        table(b, 2, "product_dim", "EVEN", "product_id", 1, 2_000_000L, 1.0);
        table(b, 3, "date_dim", "KEY(date_id)", "date_id", 1, 3_650L, 1.0);
        table(b, 4, "store_dim", "EVEN", null, 0, 1_200L, 1.0);
        table(b, 5, "web_events", "EVEN", "event_id", 1, 450_000_000L, 1.0);
        table(b, 6, "clickstream", "EVEN", null, 0, 300_000_000L, 1.0);
        table(b, 7, "customer_dim", "EVEN", "customer_id", 1, 30_000_000L, 1.0);
        b.source(SnapshotData.TABLE_SLICES, SnapshotBuilder.TABLE_SLICES);
        for (int id = 1; id <= 7; id++) b.row(id, 8, 0, 10, 100, 800, 800, 80);
        b.source(SnapshotData.TABLE_COLUMNS, SnapshotBuilder.TABLE_COLUMNS);
        col(b, "sales", "sale_id", "bigint", "az64", false, 0, true);
        col(b, "sales", "date_id", "integer", "raw", false, 1, true);
        col(b, "sales", "product_id", "integer", "az64", false, 0, true);
        col(b, "sales", "store_id", "integer", "az64", false, 0, true);
        col(b, "sales", "customer_id", "integer", "az64", false, 0, true);
        col(b, "sales", "promo_id", "integer", "az64", true, 0, false);
        col(b, "sales", "amount", "numeric(12,2)", "az64", false, 0, false);
        col(b, "product_dim", "product_id", "integer", "raw", false, 1, true);
        col(b, "product_dim", "category", "character varying(64)", "lzo", false, 0, false);
        col(b, "product_dim", "description", "character varying(1024)", "lzo", false, 0, false);
        col(b, "date_dim", "date_id", "integer", "raw", true, 1, true);
        col(b, "date_dim", "year", "smallint", "az64", false, 0, false);
        col(b, "date_dim", "month", "smallint", "az64", false, 0, false);
        col(b, "store_dim", "store_id", "integer", "raw", false, 0, true);
        col(b, "store_dim", "region", "character varying(32)", "lzo", false, 0, false);
        col(b, "web_events", "event_id", "bigint", "raw", false, 1, true);
        col(b, "web_events", "country", "character(2)", "lzo", false, 0, false);
        col(b, "web_events", "device", "character varying(16)", "lzo", false, 0, false);
        col(b, "web_events", "campaign_id", "integer", "az64", false, 0, false);
        col(b, "web_events", "page_type", "character varying(32)", "lzo", false, 0, false);
        col(b, "web_events", "duration_ms", "integer", "az64", false, 0, false);
        col(b, "clickstream", "event_time", "timestamp without time zone", "az64", false, 0, true);
        col(b, "clickstream", "session_id", "bigint", "az64", false, 0, false);
        col(b, "clickstream", "url", "character varying(2048)", "lzo", false, 0, false);
        col(b, "customer_dim", "customer_id", "integer", "raw", false, 1, true);
        col(b, "customer_dim", "segment", "character varying(32)", "lzo", false, 0, false);
        b.source(SnapshotData.COLUMN_PROFILE, "database", "schema", "table_id", "table", "column", "profiled_rows", "non_null_rows",
                "distinct_values", "top_value_rows", "max_octet_length", "profiled_at");
        profile(b, 1, "sales", "promo_id", 6_000, 40, 1_000L, null);
        profile(b, 1, "sales", "product_id", 20_000, 19_500, 3L, null);
        profile(b, 1, "sales", "date_id", 20_000, 3_000, 40L, null);
        profile(b, 1, "sales", "store_id", 20_000, 1_200, 60L, null);
        profile(b, 1, "sales", "customer_id", 20_000, 19_000, 5L, null);
        profile(b, 2, "product_dim", "product_id", 20_000, 20_000, 1L, null);
        profile(b, 2, "product_dim", "description", 20_000, 15_000, 10L, 120);
        profile(b, 3, "date_dim", "date_id", 3_650, 3_650, 1L, null);
        profile(b, 4, "store_dim", "store_id", 1_200, 1_200, 1L, null);
        profile(b, 7, "customer_dim", "customer_id", 20_000, 20_000, 1L, null);
        if (withAdvisor) {
            b.source(SnapshotData.ADVISOR, "type", "database", "table_id", "group_id", "ddl", "auto_eligible");
            b.row("distkey", "dev", 1, 1, "ALTER TABLE public.sales ALTER DISTSTYLE KEY DISTKEY product_id", "t");
            b.row("distkey", "dev", 2, 1, "ALTER TABLE public.product_dim ALTER DISTSTYLE KEY DISTKEY product_id", "t");
            b.row("sortkey", "dev", 7, -1, "ALTER TABLE public.customer_dim ALTER COMPOUND SORTKEY (segment)", "t");
            b.row("sortkey", "dev", 5, -1, "ALTER TABLE public.web_events ALTER COMPOUND SORTKEY (country)", "t");
        }
        b.source(SnapshotData.DIST_STEPS, "query", "seg", "step", "maxtime", "rows", "bytes", "label");
        for (int i = 0; i < 40; i++) {
            long q = w.query("select d.year, p.category, sum(s.amount) from sales s join product_dim p on s.product_id = p.product_id "
                    + "join date_dim d on s.date_id = d.date_id where d.year = 2026 and d.month = " + (i % 12 + 1) + " group by 1, 2",
                    at(i, 40), 14_000);
            w.scan(q, 1, "sales", 2, 50_000_000, at(i, 40), 6, true).scan(q, 2, "product_dim", 2, 2_000_000, at(i, 40), 0.4, false)
                    .scan(q, 3, "date_dim", 2, 31, at(i, 40), 0.01, false)
                    .alert(q, "Large distribution: more than 1,000,000 rows were redistributed", "Review the distribution key");
            b.source(SnapshotData.DIST_STEPS).row(q, 2, 1, 4_000_000, 52_000_000, 3_000_000_000L, "dist");
        }
        for (int i = 0; i < 15; i++) {
            long q = w.query("select st.region, sum(s.amount) from sales s join store_dim st on s.store_id = st.store_id "
                    + "where s.date_id between " + i + " and " + (i + 30) + " group by st.region", at(i, 15), 6_000);
            w.scan(q, 1, "sales", 2, 20_000_000, at(i, 15), 2.5, true).scan(q, 4, "store_dim", 2, 1_200, at(i, 15), 0.01, false)
                    .alert(q, "Large broadcast: more than 1,000,000 rows were broadcast", "Distribute the small table with DISTSTYLE ALL");
        }
        String[] web = {"select count(*) from web_events where country = 'DE' and device = 'mobile'",
                "select page_type, avg(duration_ms) from web_events where campaign_id = 7 and page_type = 'checkout' group by page_type",
                "select device, count(*) from web_events where device = 'tablet' and campaign_id = 3 group by device"};
        int[] weight = {18, 15, 12};
        for (int p = 0; p < web.length; p++) {
            for (int i = 0; i < weight[p]; i++) {
                long q = w.query(web[p], at(i, weight[p]), 9_000);
                w.scan(q, 5, "web_events", 2, 3_000_000, at(i, weight[p]), 8, false);
            }
        }
        for (int i = 0; i < 30; i++) {
            long q = w.query("select date_trunc('hour', event_time), count(*) from clickstream where event_time >= getdate() - interval '"
                    + (i + 1) + " hours' group by 1", at(i, 30), 5_000);
            w.scan(q, 6, "clickstream", 2, 2_000_000, at(i, 30), 4.5, false);
        }
        for (int i = 0; i < 10; i++) w.query("insert into clickstream select * from clickstream_staging", at(i, 10), 20_000);
        for (int i = 0; i < 12; i++) {
            long q = w.query("select c.segment, sum(s.amount) from sales s join customer_dim c on s.customer_id = c.customer_id "
                    + "where s.date_id = " + i + " group by c.segment", at(i, 12), 7_000);
            w.scan(q, 1, "sales", 2, 1_600_000, at(i, 12), 0.5, true).scan(q, 7, "customer_dim", 2, 30_000_000, at(i, 12), 1.5, false);
        }
        return w;
    }

    static Instant at(int i, int of) {
        return T0.plus(Duration.ofMinutes(i * 1200L / of));
    }

    static void table(SnapshotBuilder b, long id, String name, String diststyle, String sortkey1, int sortkeyNum, long rows, Double skew) {
        b.source(SnapshotData.TABLE_INFO, SnapshotBuilder.TABLE_INFO).row("dev", "public", id, name, "Y", diststyle, sortkey1, 256,
                "none", sortkeyNum, Math.max(1, rows / 100_000), 1.0, sortkeyNum == 0 ? null : 2.0, 1.0, rows, 1.0, skew, rows, 1.0,
                T0.minus(Duration.ofDays(300)));
    }

    static void col(SnapshotBuilder b, String table, String column, String type, String encoding, boolean distkey, int sortkey,
                    boolean notnull) {
        b.source(SnapshotData.TABLE_COLUMNS).row("public", table, column, type, encoding, distkey, sortkey, notnull);
    }

    static void profile(SnapshotBuilder b, long tableId, String table, String column, long nonNull, long distinct, Long top,
                        Integer maxLength) {
        b.source(SnapshotData.COLUMN_PROFILE).row("dev", "public", tableId, table, column, 20_000, nonNull, distinct, top, maxLength,
                T0.minus(Duration.ofHours(3)));
    }

    static ClusterView view(SnapshotData s) {
        return new ClusterView("c1", s.kind(), s.collectedAt(), Tables.of(s), true,
                WorkloadAggregator.total(WorkloadAggregator.byHour(s)), true, Duration.ofDays(1), TestThresholds.defaults(), java.util.Map.of(),
                new DesignFacts(ColumnProfile.of(s), DesignFacts.advisor(s)));
    }

    static List<FindingDraft> design(ClusterView view) {
        List<FindingDraft> drafts = new ArrayList<>();
        drafts.addAll(WorkloadSnapshot.run(new DistributionDesignRule(), view));
        drafts.addAll(WorkloadSnapshot.run(new SortKeyDesignRule(), view));
        drafts.addAll(WorkloadSnapshot.run(new CompressionDesignRule(), view));
        return drafts;
    }

    static Optional<FindingDraft> find(List<FindingDraft> drafts, FindingCategory category, String table) {
        return drafts.stream().filter(d -> d.category() == category && d.subject().name().equals(table)).findFirst();
    }

    static String evidence(FindingDraft d, String name) {
        return d.evidence().stream().filter(e -> e.name().equals(name)).map(e -> e.detail() != null ? e.detail() : String.valueOf(e.value()))
                .findFirst().orElse(null);
    }

    static double value(FindingDraft d, String name) {
        return d.evidence().stream().filter(e -> e.name().equals(name)).map(Evidence::value).findFirst().orElseThrow();
    }

    @Test
    void theNullableKeyFactTableGetsTheProductKeyWithItsDimensionInOneGroup() {
        SnapshotData s = star(true).snapshot();
        List<FindingDraft> drafts = design(view(s));
        FindingDraft sales = find(drafts, FindingCategory.DISTRIBUTION_DESIGN, "sales").orElseThrow();
        assertThat(sales.action().sql()).containsExactly(
                "ALTER TABLE \"public\".\"sales\" ALTER DISTSTYLE KEY DISTKEY \"product_id\";",
                "ALTER TABLE \"public\".\"product_dim\" ALTER DISTSTYLE KEY DISTKEY \"product_id\";");
        assertThat(value(sales, "predicted_skew_sales")).isLessThan(2.0);
        assertThat(evidence(sales, "predicted_skew_sales")).contains("NULL share 0 %");
        assertThat(evidence(sales, "group_id")).isEqualTo("distribution:1");
        assertThat(value(sales, "moved_rows_per_day")).isGreaterThan(1e9);
        assertThat(sales.benefit().unit()).isEqualTo("rows/day");
        assertThat(evidence(sales, "redshift_advisor_sales")).startsWith("agrees");
        assertThat(evidence(sales, "redshift_advisor_product_dim")).startsWith("agrees");
        assertThat(sales.severity()).isEqualTo(Severity.WARNING);
        assertThat(find(drafts, FindingCategory.DISTRIBUTION_DESIGN, "product_dim")).isEmpty();
    }

    @Test
    void smallRarelyWrittenDimensionsGetDiststyleAll() {
        List<FindingDraft> drafts = design(view(star(false).snapshot()));
        for (String dim : List.of("date_dim", "store_dim")) {
            FindingDraft d = find(drafts, FindingCategory.DISTRIBUTION_DESIGN, dim).orElseThrow();
            assertThat(d.action().sql()).containsExactly("ALTER TABLE \"public\".\"" + dim + "\" ALTER DISTSTYLE ALL;");
        }
        assertThat(find(drafts, FindingCategory.DISTRIBUTION_DESIGN, "customer_dim")).as("30M rows: too big for ALL").isEmpty();
    }

    @Test
    void aLargeTableFilteredOnVaryingSubsetsGetsAnInterleavedKeyByDeepCopyAndRedshiftsCompoundKeyIsDisputed() {
        List<FindingDraft> drafts = design(view(star(true).snapshot()));
        FindingDraft web = find(drafts, FindingCategory.SORT_KEY_DESIGN, "web_events").orElseThrow();
        assertThat(web.title()).contains("INTERLEAVED (device, campaign_id, country, page_type)");
        assertThat(web.action().sql().get(0)).startsWith("CREATE TABLE \"public\".\"web_events_autopilot_copy\" (")
                .endsWith("DISTSTYLE EVEN INTERLEAVED SORTKEY (\"device\", \"campaign_id\", \"country\", \"page_type\");");
        assertThat(web.explanation()).contains("VACUUM REINDEX");
        assertThat(evidence(web, "redshift_advisor_web_events")).startsWith("disagrees: Redshift recommends ALTER TABLE public.web_events ALTER COMPOUND SORTKEY (country)");
        assertThat(value(web, "filters_per_day_device")).isEqualTo(30.0);
    }

    @Test
    void theTimeSeriesGetsACompoundKeyOnTimeAndNoInterleavedAdvice() {
        List<FindingDraft> drafts = design(view(star(false).snapshot()));
        FindingDraft click = find(drafts, FindingCategory.SORT_KEY_DESIGN, "clickstream").orElseThrow();
        assertThat(click.action().sql()).containsExactly("ALTER TABLE \"public\".\"clickstream\" ALTER COMPOUND SORTKEY (\"event_time\");");
        assertThat(click.explanation()).contains("appended to").contains("without VACUUM");
        assertThat(find(drafts, FindingCategory.SORT_KEY_DESIGN, "sales")).as("already sorted on its filter column").isEmpty();
    }

    @Test
    void redshiftsOwnRecommendationWithoutOursIsInformational() {
        List<FindingDraft> drafts = design(view(star(true).snapshot()));
        FindingDraft customer = find(drafts, FindingCategory.SORT_KEY_DESIGN, "customer_dim").orElseThrow();
        assertThat(customer.severity()).isEqualTo(Severity.INFO);
        assertThat(customer.title()).startsWith("Redshift recommends");
        assertThat(customer.action().sql()).containsExactly("ALTER TABLE public.customer_dim ALTER COMPOUND SORTKEY (segment);");
    }

    @Test
    void oversizedVarcharShrinksToTwiceTheLongestValueSeen() {
        List<FindingDraft> drafts = design(view(star(false).snapshot()));
        FindingDraft product = find(drafts, FindingCategory.COMPRESSION_DESIGN, "product_dim").orElseThrow();
        assertThat(product.action().sql()).contains("ALTER TABLE \"public\".\"product_dim\" ALTER COLUMN \"description\" TYPE VARCHAR(256);");
        assertThat(product.action().sql()).noneMatch(sql -> sql.contains("\"product_id\" ENCODE")); // the leading sort key stays RAW
    }

    @Test
    void aKeyThatWouldSkewIsNeverRecommendedAndEvenReplacesASkewedKey() {
        WorkloadSnapshot w = star(false);
        SnapshotData s = w.snapshot();
        // Replace the product_id profiles with a lopsided one: 60 % of sales rows on one product.
        List<FindingDraft> drafts = design(new ClusterView("c1", s.kind(), s.collectedAt(), Tables.of(s), true,
                WorkloadAggregator.total(WorkloadAggregator.byHour(s)), true, Duration.ofDays(1), TestThresholds.defaults(), java.util.Map.of(),
                new DesignFacts(ColumnProfile.latest(ColumnProfile.of(s), java.util.Map.of(1L, java.util.Map.of("product_id",
                        new ColumnProfile(1, "product_id", 20_000, 20_000, 500, 12_000L, null, T0)))), List.of())));
        FindingDraft sales = find(drafts, FindingCategory.DISTRIBUTION_DESIGN, "sales").orElseThrow();
        assertThat(sales.action().sql()).noneMatch(sql -> sql.contains("DISTKEY \"product_id\""));
        assertThat(evidence(sales, "rejected_candidate")).contains("sales.product_id would skew");
    }

    @Test
    void everyStatementIsRedshiftGrammarAndNamesOnlyExistingObjects() {
        SnapshotData s = star(true).snapshot();
        ClusterView view = view(s);
        List<FindingDraft> drafts = design(view);
        assertThat(drafts).isNotEmpty();
        RedshiftDdl ddl = new RedshiftDdl(view.tables());
        for (FindingDraft d : drafts) {
            assertThat(ddl.check(d.action().sql())).as(d.title()).isEmpty();
            assertThat(d.severity()).as("design advice never pages").isNotEqualTo(Severity.CRITICAL);
        }
        assertThat(ddl.check(List.of("ALTER TABLE \"public\".\"sales\" ALTER INTERLEAVED SORTKEY (\"date_id\");"))).isNotEmpty();
        assertThat(ddl.check(List.of("ALTER TABLE \"public\".\"nope\" ALTER DISTSTYLE ALL;"))).isNotEmpty();
        assertThat(ddl.check(List.of("ALTER TABLE \"public\".\"sales\" ALTER DISTKEY \"nope\";"))).isNotEmpty();
    }

    @Test
    void collocatedJoinsAndSmallTablesGetNoDesignAdvice() {
        WorkloadSnapshot w = WorkloadSnapshot.provisioned();
        SnapshotBuilder b = w.builder();
        table(b, 1, "orders", "KEY(customer_id)", "order_date", 1, 50_000_000L, 1.1);
        table(b, 2, "customers", "KEY(customer_id)", "customer_id", 1, 5_000_000L, 1.0);
        b.source(SnapshotData.TABLE_COLUMNS, SnapshotBuilder.TABLE_COLUMNS);
        col(b, "orders", "order_date", "date", "raw", false, 1, true);
        col(b, "orders", "customer_id", "integer", "az64", true, 0, true);
        col(b, "customers", "customer_id", "integer", "raw", true, 1, true);
        for (int i = 0; i < 50; i++) {
            long q = w.query("select c.customer_id, count(*) from orders o join customers c on o.customer_id = c.customer_id "
                    + "where o.order_date >= '2026-01-" + (i % 28 + 1) + "' group by 1", at(i, 50), 2_000);
            w.scan(q, 1, "orders", 2, 1_000_000, at(i, 50), 1, true).scan(q, 2, "customers", 2, 5_000_000, at(i, 50), 1, false);
        }
        assertThat(design(view(w.snapshot()))).isEmpty();
    }
}
