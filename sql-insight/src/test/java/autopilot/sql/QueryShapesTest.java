package autopilot.sql;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sql.QueryShape.Join;
import autopilot.sql.QueryShape.TableRef;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryShapesTest {

    static QueryShape shape(String sql) {
        return QueryShapes.parse(sql).orElseThrow(() -> new AssertionError("did not parse: " + sql));
    }

    static String joins(QueryShape s) {
        return s.joins().stream().map(j -> j.left() + "=" + j.right()).sorted().toList().toString();
    }

    static String filters(QueryShape s) {
        return s.filters().stream().map(f -> f.column() + ":" + f.kind() + (f.relativeToNow() ? ":now" : ""))
                .sorted().toList().toString();
    }

    @Test
    void starJoinWithAliasesGivesJoinsAndFilters() {
        QueryShape s = shape("select d.year, p.category, sum(s.amount) from sales s join product_dim p on s.product_id = p.product_id "
                + "join date_dim d on s.date_id = d.date_id where d.year = 2026 and d.month = 7 % 12 + 1 group by 1, 2");
        assertThat(s.tables()).extracting(TableRef::name).containsExactly("sales", "product_dim", "date_dim");
        assertThat(joins(s)).isEqualTo("[sales.date_id=date_dim.date_id, sales.product_id=product_dim.product_id]");
        assertThat(filters(s)).isEqualTo("[date_dim.month:EQUALITY, date_dim.year:EQUALITY]");
    }

    @Test
    void commaJoinInWhereIsAJoinAndRangeFiltersAreRanges() {
        QueryShape s = shape("SELECT st.region, SUM(s.amount) FROM public.sales s, store_dim st WHERE s.store_id = st.store_id "
                + "AND s.date_id BETWEEN 10 AND 40 GROUP BY st.region");
        assertThat(joins(s)).isEqualTo("[public.sales.store_id=store_dim.store_id]");
        assertThat(filters(s)).isEqualTo("[public.sales.date_id:RANGE]");
        assertThat(s.tables().get(0).schema()).isEqualTo("public");
    }

    @Test
    void singleTableColumnsNeedNoQualifier() {
        QueryShape s = shape("select count(*) from web_events where country = 'DE' and device in ('mobile','tablet') "
                + "and page_type like 'check%' and campaign_id is not null and duration_ms <> 3");
        assertThat(filters(s)).isEqualTo("[web_events.campaign_id:NULL_TEST, web_events.country:EQUALITY, "
                + "web_events.device:IN_LIST, web_events.duration_ms:OTHER, web_events.page_type:PATTERN]");
        assertThat(s.joins()).isEmpty();
    }

    @Test
    void comparisonsWithTheCurrentTimeAreRelativeToNow() {
        QueryShape s = shape("select date_trunc('hour', event_time), count(*) from clickstream "
                + "where event_time >= getdate() - interval '6 hours' group by 1");
        assertThat(filters(s)).isEqualTo("[clickstream.event_time:RANGE:now]");
        assertThat(filters(shape("select 1 from t where ts > dateadd(day, -7, sysdate)"))).isEqualTo("[t.ts:RANGE:now]");
        assertThat(filters(shape("select 1 from t where ts > current_date - 1"))).isEqualTo("[t.ts:RANGE:now]");
        assertThat(filters(shape("select 1 from t where ts > '2026-01-01'"))).isEqualTo("[t.ts:RANGE]");
    }

    @Test
    void unqualifiedColumnsOfSeveralTablesResolveAgainstTheCatalog() {
        QueryShape s = shape("select segment, sum(amount) from sales join customer_dim using (customer_id) where region = 'EU' group by 1");
        assertThat(s.filters()).singleElement().satisfies(f -> assertThat(f.column().resolved()).isFalse());
        QueryShape r = s.resolve(Map.of(
                new TableRef(null, "sales"), Set.of("customer_id", "amount"),
                new TableRef(null, "customer_dim"), Set.of("customer_id", "segment", "region"))::get);
        assertThat(filters(r)).isEqualTo("[customer_dim.region:EQUALITY]");
        assertThat(joins(r)).isEqualTo("[sales.customer_id=customer_dim.customer_id]");
        assertThat(r.joins()).allMatch(Join::resolved);
    }

    @Test
    void subqueriesAndCtesAreWalkedButAreNotTables() {
        QueryShape s = shape("with recent as (select * from orders o where o.created_at > getdate() - 1) "
                + "select c.name from customers c where c.id in (select r.customer_id from recent r) "
                + "and exists (select 1 from payments p where p.customer_id = c.id and p.state = 'open')");
        assertThat(s.tables()).extracting(TableRef::name).containsExactly("orders", "customers", "payments");
        assertThat(joins(s)).isEqualTo("[payments.customer_id=customers.id]");
        assertThat(filters(s)).isEqualTo("[customers.id:IN_LIST, orders.created_at:RANGE:now, payments.state:EQUALITY]");
    }

    @Test
    void derivedTableColumnsAreNotPinnedOnBaseTables() {
        QueryShape s = shape("select x.k, d.v from (select k, sum(v) v from f group by k) x join dim d on x.k = d.k where v > 3");
        assertThat(s.tables()).extracting(TableRef::name).containsExactly("f", "dim");
        assertThat(s.joins()).isEmpty();
        assertThat(s.filters()).allMatch(f -> !f.column().resolved());
    }

    @Test
    void insertSelectUpdateAndDeleteAreRead() {
        assertThat(shape("insert into clickstream select * from clickstream_staging where loaded = false").tables())
                .extracting(TableRef::name).containsExactly("clickstream_staging");
        assertThat(filters(shape("update sales set amount = 0 where sale_id = 5"))).isEqualTo("[sales.sale_id:EQUALITY]");
        assertThat(filters(shape("delete from sales where date_id < 100"))).isEqualTo("[sales.date_id:RANGE]");
    }

    @Test
    void quotedAndMixedCaseNamesFoldAsRedshiftDoes() {
        QueryShape s = shape("select 1 from \"Sales\" S join Product_Dim p on S.\"Product_ID\" = p.product_id");
        assertThat(joins(s)).isEqualTo("[sales.product_id=product_dim.product_id]");
        assertThat(s.reads("public", "SALES")).isTrue();
    }

    @Test
    void textThatCannotBeParsedIsUnknownNotGuessed() {
        assertThat(QueryShapes.parse("select a, b from t where x = (select max(")).isEmpty();
        assertThat(QueryShapes.parse("VACUUM SORT ONLY sales TO 95 PERCENT")).isEmpty();
        assertThat(QueryShapes.parse("")).isEmpty();
        assertThat(QueryShapes.parse(null)).isEmpty();
    }

    @Test
    void selfJoinsAreNotJoinsBetweenTwoTables() {
        QueryShape s = shape("select 1 from t a join t b on a.parent = b.id");
        assertThat(s.joins()).isEmpty();
        assertThat(s.filters()).isEmpty();
    }

    @Test
    void writesNameTheirTargetTableAndCopyIsReadWithoutTheGrammar() {
        QueryShape insert = shape("insert into public.clickstream select * from clickstream_staging");
        assertThat(insert.target()).isEqualTo(new QueryShape.Target(QueryShape.Write.INSERT, new TableRef("public", "clickstream")));
        assertThat(insert.tables()).extracting(TableRef::name).containsExactly("clickstream_staging");
        assertThat(shape("update store_dim set region = 'x' where store_id = 3").target().write()).isEqualTo(QueryShape.Write.UPDATE);
        assertThat(shape("delete from web_events where event_id < 10").target().table().name()).isEqualTo("web_events");
        QueryShape copy = shape("COPY \"Gen\".t42 (a, b) FROM 's3://bucket/events/' IAM_ROLE default FORMAT AS PARQUET");
        assertThat(copy.target()).isEqualTo(new QueryShape.Target(QueryShape.Write.COPY, new TableRef("\"Gen\"", "t42")));
        assertThat(shape("select 1 from t where x = 1").target()).isNull();
    }
}
