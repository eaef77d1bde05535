package autopilot.collector.profile;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sql.QueryShapes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfilePlanTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final ProfileSettings SETTINGS = new ProfileSettings(true, Duration.ofDays(1), 10, Duration.ofMinutes(5), 100_000);

    private static final CatalogTable SALES = new CatalogTable("dev", "public", 1, "sales", 600_000_000, List.of(
            new CatalogTable.Column("sale_id", "bigint", false), new CatalogTable.Column("product_id", "integer", false),
            new CatalogTable.Column("promo_id", "integer", true), new CatalogTable.Column("note", "character varying(1024)", false)));
    private static final CatalogTable PRODUCT = new CatalogTable("dev", "public", 2, "product_dim", 2_000_000, List.of(
            new CatalogTable.Column("product_id", "integer", false), new CatalogTable.Column("category", "character varying(64)", false)));
    private static final CatalogTable DATES = new CatalogTable("dev", "public", 3, "date_dim", 3_650, List.of(
            new CatalogTable.Column("date_id", "integer", true)));
    private static final List<CatalogTable> CATALOG = List.of(SALES, PRODUCT, DATES);

    private static Map<ProfilePlan.TableColumn, Long> joins(String sql, long times) {
        return ProfilePlan.resolve(Map.of(QueryShapes.parse(sql).orElseThrow(), times), CATALOG);
    }

    @Test
    void unqualifiedJoinColumnsResolveAgainstTheCatalog() {
        assertThat(joins("select 1 from sales s join product_dim p on s.product_id = p.product_id", 3)).containsOnly(
                Map.entry(new ProfilePlan.TableColumn("public", "sales", "product_id"), 3L),
                Map.entry(new ProfilePlan.TableColumn("public", "product_dim", "product_id"), 3L));
        assertThat(joins("select 1 from sales, date_dim where promo_id = date_id", 1)).containsOnlyKeys(
                new ProfilePlan.TableColumn("public", "sales", "promo_id"), new ProfilePlan.TableColumn("public", "date_dim", "date_id"));
    }

    @Test
    void keyAndJoinColumnsAreProfiledWideTextForLengthOnlyAndSmallTablesNot() {
        var joins = joins("select 1 from sales s join product_dim p on s.product_id = p.product_id", 3);
        List<ProfilePlan.Target> due = ProfilePlan.due(CATALOG, joins, Map.of(), Map.of(), SETTINGS, NOW);
        assertThat(due).extracting(t -> t.table().table()).containsExactly("sales", "product_dim");
        assertThat(due.get(0).keyColumns()).containsExactly("product_id", "promo_id");
        assertThat(due.get(0).lengthColumns()).containsExactly("note");
        assertThat(due.get(1).keyColumns()).containsExactly("product_id");
    }

    @Test
    void aTableProfiledWithinTheIntervalWaitsUnlessANewJoinColumnAppears() {
        Map<String, Instant> last = Map.of("public.sales", NOW.minus(Duration.ofHours(2)));
        assertThat(ProfilePlan.due(List.of(SALES), Map.of(), last, Map.of("public.sales", Set.of("promo_id", "note")), SETTINGS, NOW))
                .isEmpty();
        var joins = joins("select 1 from sales s join product_dim p on s.product_id = p.product_id", 1);
        assertThat(ProfilePlan.due(List.of(SALES), joins, last, Map.of("public.sales", Set.of("promo_id", "note")), SETTINGS, NOW))
                .hasSize(1);
        assertThat(ProfilePlan.due(List.of(SALES), Map.of(), Map.of("public.sales", NOW.minus(Duration.ofDays(1))),
                Map.of("public.sales", Set.of("promo_id", "note")), SETTINGS, NOW)).hasSize(1);
    }

    @Test
    void statementsQuoteEveryNameAndSpliceNothingElse() {
        assertThat(ProfileStatements.aggregate("public", "x\"; DROP TABLE y; --", List.of("k\"ey"), List.of(false), List.of("url")))
                .isEqualTo("SELECT COUNT(*), COUNT(\"k\"\"ey\"), COUNT(DISTINCT \"k\"\"ey\"), COUNT(\"url\"), MAX(OCTET_LENGTH(\"url\")) "
                        + "FROM \"public\".\"x\"\"; DROP TABLE y; --\"");
        assertThat(ProfileStatements.topValue("public", "sales", "promo_id")).isEqualTo("SELECT COUNT(*) FROM \"public\".\"sales\" "
                + "WHERE \"promo_id\" IS NOT NULL GROUP BY \"promo_id\" ORDER BY 1 DESC LIMIT 1");
    }

    @Test
    void literalsDoNotMakeNewShapesAndTextsWithoutEqualityAreNotParsed() {
        JoinColumns columns = new JoinColumns();
        for (int n = 0; n < 50; n++) {
            columns.observe("dev", "select 1 from sales s join product_dim p on s.product_id = p.product_id where s.date_id = " + n);
        }
        columns.observe("dev", "select count(*) from sales");
        assertThat(columns.take("dev")).hasSize(1).containsValue(50L);
        assertThat(columns.counters().get(0)).isEqualTo(1);
        assertThat(columns.take("dev")).isEmpty();
        // Known now: counted without parsing again.
        columns.observe("dev", "select 1 from sales s join product_dim p on s.product_id = p.product_id where s.date_id = 7");
        assertThat(columns.take("dev")).containsValue(1L);
        assertThat(columns.counters().get(0)).isEqualTo(1);
    }

    @Test
    void eachTakeParsesOnlyTheMostFrequentNewTexts() {
        JoinColumns columns = new JoinColumns();
        int rare = JoinColumns.MAX_PARSES_PER_TAKE + 100;
        for (int t = 0; t < rare; t++) {
            columns.observe("dev", "select 1 from f" + "x".repeat(t % 50) + "_" + (char) ('a' + t / 50 % 26) + " a join d b on a.k = b.k");
        }
        for (int n = 0; n < 3; n++) {
            columns.observe("dev", "select 1 from sales s join product_dim p on s.product_id = p.product_id");
        }
        java.util.Map<autopilot.sql.QueryShape, Long> taken = columns.take("dev");
        assertThat(columns.counters().get(0)).isEqualTo(JoinColumns.MAX_PARSES_PER_TAKE);
        assertThat(columns.counters().get(1)).isEqualTo(rare + 1 - JoinColumns.MAX_PARSES_PER_TAKE);
        assertThat(taken).containsValue(3L);
    }
}
