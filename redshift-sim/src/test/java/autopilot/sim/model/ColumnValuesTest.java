package autopilot.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnValuesTest {

    private static final int SAMPLE = 20_000;

    /** What a profile of the sample would see: rows, non-NULL rows, distinct values, rows of the top value, longest text. */
    private record Profile(long rows, long nonNull, long distinct, long top, int maxLength) {
    }

    private static Profile profile(Scenario.Table table, Scenario.Column column) {
        List<String> problems = new ArrayList<>();
        ColumnValues values = ColumnValues.of(table, column, SAMPLE, "t", problems);
        assertThat(problems).isEmpty();
        Map<String, Long> counts = new HashMap<>();
        long nonNull = 0;
        int longest = 0;
        for (long row = 0; row < SAMPLE; row++) {
            long index = values.index(row);
            if (index >= 0) {
                String text = values.text(index);
                counts.merge(text, 1L, Long::sum);
                nonNull++;
                longest = Math.max(longest, text.length());
            }
        }
        return new Profile(SAMPLE, nonNull, counts.size(), counts.values().stream().mapToLong(Long::longValue).max().orElse(0), longest);
    }

    private static Scenario.Table table(Scenario.Column... columns) {
        return new Scenario.Table("public", "t", List.of(columns), "EVEN", null, null, null, 1_000_000, 0, 0, 0, null, null);
    }

    @Test
    void aNullableKeyShowsItsNullShareCardinalityAndTopValue() {
        Scenario.Column promo = new Scenario.Column("promo_id", "INTEGER", "az64", false, new Scenario.Values(0.7, 40L, 0.05, null));
        Profile p = profile(table(promo), promo);
        assertThat(p.nonNull() / (double) SAMPLE).isCloseTo(0.3, within(0.002));
        assertThat(p.distinct()).isEqualTo(40);
        assertThat(p.top() / (double) SAMPLE).isCloseTo(0.05, within(0.002));
    }

    @Test
    void aHighCardinalityKeyIsEvenAndAUniqueColumnStaysUnique() {
        Scenario.Column product = new Scenario.Column("product_id", "INTEGER", "az64", true, new Scenario.Values(null, 2_000_000L, 0.0005, null));
        Profile even = profile(table(product), product);
        assertThat(even.nonNull()).isEqualTo(SAMPLE);
        assertThat(even.top()).isBetween(8L, 12L);
        assertThat(even.distinct()).isEqualTo(SAMPLE - even.top() + 1);
        Scenario.Column id = new Scenario.Column("id", "BIGINT", "az64", true, new Scenario.Values(null, 2_000_000L, null, null));
        assertThat(profile(table(id), id).distinct()).isEqualTo(SAMPLE);
    }

    @Test
    void aSmallDomainShowsEveryValueEvenly() {
        Scenario.Column store = new Scenario.Column("store_id", "INTEGER", "az64", true, new Scenario.Values(null, 1_200L, null, null));
        Profile p = profile(table(store), store);
        assertThat(p.distinct()).isEqualTo(1_200);
        assertThat(p.top()).isEqualTo(17); // 20,000 / 1,200 rounded up: no value dominates
    }

    @Test
    void textIsNoLongerThanMaxLengthAndReachesIt() {
        Scenario.Column url = new Scenario.Column("url", "VARCHAR(2048)", "lzo", false, new Scenario.Values(null, 500_000L, null, 400));
        Profile p = profile(table(url), url);
        assertThat(p.maxLength()).isEqualTo(400);
        assertThat(p.distinct()).isEqualTo(SAMPLE);
    }

    @Test
    void theDistributionKeyFollowsDistkeyValuesWhenItHasNoValues() {
        Scenario.Column promo = new Scenario.Column("promo_id", "INTEGER", "az64", false);
        Scenario.Table sales = new Scenario.Table("public", "sales", List.of(promo), "KEY", "promo_id",
                new Scenario.KeyDistribution(0.7, 40, 0.05), null, 600_000_000, 0, 0, 0, null, null);
        Profile p = profile(sales, promo);
        assertThat(p.nonNull() / (double) SAMPLE).isCloseTo(0.3, within(0.002));
        assertThat(p.distinct()).isEqualTo(40);
    }

    @Test
    void modelsTheTypeCannotHoldAreRejectedWithTheirPath() {
        String yaml = """
                name: bad
                cluster: {nodeType: ra3.xlplus, nodes: 1, slicesPerNode: 2}
                users: [{name: admin, password: x, superuser: true}]
                sampleRows: 100
                tables:
                  - name: t
                    columns:
                      - {name: id, type: INTEGER, notNull: true, values: {nullFraction: 0.1}}
                      - {name: flag, type: SMALLINT, values: {cardinality: 100000}}
                      - {name: code, type: CHAR(2), values: {maxLength: 3}}
                      - {name: shape, type: GEOMETRY}
                """;
        assertThatThrownBy(() -> ScenarioLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "bad"))
                .hasMessageContaining("tables[0] (t).columns (id).values.nullFraction: the column is NOT NULL")
                .hasMessageContaining("tables[0] (t).columns (flag).values.cardinality: SMALLINT holds 1 to 32767 distinct values")
                .hasMessageContaining("tables[0] (t).columns (code).values.maxLength: must be between 1 and the declared length 2")
                .hasMessageContaining("tables[0] (t).columns (shape).type: 'GEOMETRY' cannot hold generated rows");
    }
}
