package autopilot.sim.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text-level translation: what changes, and that everything else stays byte for byte. */
class RedshiftDialectTest {

    @Test
    void statementsWithoutRedshiftSyntaxAreReturnedAsTheyAre() {
        String sql = "select query, trim(querytxt) from stl_query where userid > 1 -- mine\n order by 1";
        assertThat(RedshiftDialect.translate(sql)).isSameAs(sql);
    }

    @Test
    void bareDatepartsBecomeStrings() {
        assertThat(RedshiftDialect.translate("select datediff(seconds, a, b), DATEADD(Day, -7, getdate()), date_part(ms, ts) from t"))
                .isEqualTo("select datediff('seconds', a, b), DATEADD('day', -7, getdate()), date_part('ms', ts) from t");
        assertThat(RedshiftDialect.translate("select datediff('day', a, b)")).isEqualTo("select datediff('day', a, b)");
    }

    @Test
    void nvlIsCoalesceAndNvl2AndDecodeAreCase() {
        assertThat(RedshiftDialect.translate("select nvl(a, nvl(b, 0)) from t")).isEqualTo("select COALESCE(a, COALESCE(b, 0)) from t");
        assertThat(RedshiftDialect.translate("select nvl2(a, 'y', 'n')")).isEqualTo("select (CASE WHEN (a) IS NOT NULL THEN  'y' ELSE  'n' END)");
        assertThat(RedshiftDialect.translate("select decode(c.relkind, 'r', 'table', 'v', 'view', 'other') from pg_namespace c"))
                .isEqualTo("select (CASE WHEN (c.relkind) IS NOT DISTINCT FROM ( 'r') THEN  'table' WHEN (c.relkind) IS NOT DISTINCT FROM ( 'v') "
                        + "THEN  'view' ELSE  'other' END) from pg_namespace c");
        // PostgreSQL's own two-argument decode (bytea from text) is left alone
        assertThat(RedshiftDialect.translate("select decode('AA==', 'base64')")).isEqualTo("select decode('AA==', 'base64')");
    }

    @Test
    void topBecomesLimitOfItsOwnQueryLevel() {
        assertThat(RedshiftDialect.translate("select top 10 query from stl_query order by starttime desc; select 1"))
                .isEqualTo("select query from stl_query order by starttime desc LIMIT 10; select 1");
        assertThat(RedshiftDialect.translate("select a from (select top 3 a from t -- newest\n) x"))
                .isEqualTo("select a from (select a from t LIMIT 3 -- newest\n) x");
    }

    @Test
    void convertSysdateVarcharMaxAndApproximate() {
        assertThat(RedshiftDialect.translate("select convert(integer, '12'), sysdate, x::varchar(max), approximate count(distinct a) from t"))
                .isEqualTo("select CAST( '12' AS integer), sysdate(), x::varchar(65535), count(distinct a) from t");
    }

    @Test
    void listaggBecomesStringAgg() {
        assertThat(RedshiftDialect.translate("select listagg(pid, ',') from t"))
                .isEqualTo("select string_agg((pid)::text,  ',') from t");
        assertThat(RedshiftDialect.translate("select listagg(text) within group (order by sequence) from t"))
                .isEqualTo("select string_agg((text)::text, '' ORDER BY sequence) from t");
        assertThat(RedshiftDialect.translate("select listagg(e, ', ') within group (order by q) over (partition by u) from t"))
                .isEqualTo("select string_agg((e)::text,  ', ') OVER (partition by u ORDER BY q ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) from t");
    }

    @Test
    void windowedPercentileUsesAnAggregatePostgresCanWindow() {
        assertThat(RedshiftDialect.translate("select percentile_cont(0.9) within group (order by d) over (partition by q) from t"))
                .isEqualTo("select redshift_sim.percentile_cont_window((d)::double precision, 0.9) OVER (partition by q) from t");
        String aggregate = "select percentile_cont(0.9) within group (order by d) from t";
        assertThat(RedshiftDialect.translate(aggregate)).isEqualTo(aggregate);
    }

    @Test
    void catalogRelationsWithRedshiftColumnsAreReadThroughViews() {
        assertThat(RedshiftDialect.translate("select a.attisdistkey from pg_catalog.pg_attribute a join pg_class c on c.oid = a.attrelid "
                + "where pg_class.relname = 'pg_class'"))
                .isEqualTo("select a.attisdistkey from redshift_catalog.pg_attribute a join redshift_catalog.pg_class c on c.oid = a.attrelid "
                        + "where pg_class.relname = 'pg_class'");
    }

    @Test
    void databaseNamesComeFromTheSimulatorNotFromTheDatabaseUnderneath() {
        // A fleet's databases are sim_01__dev underneath; a client must still see dev.
        assertThat(RedshiftDialect.translate("select current_database(), pg_catalog.current_database() as db"))
                .isEqualTo("select redshift_sim.current_database(), redshift_sim.current_database() as db");
        assertThat(RedshiftDialect.translate("select datname from pg_database where datname = current_database()"))
                .isEqualTo("select datname from redshift_catalog.pg_database where datname = redshift_sim.current_database()");
        assertThat(RedshiftDialect.translate("select datname from pg_database_info")).isEqualTo("select datname from pg_database_info");
    }

    @Test
    void stringsCommentsAndQuotedNamesAreNeverRewritten() {
        String sql = "select 'nvl(a,b) it\\'s', \"nvl\", $$ decode(a,b,c) $$ /* datediff(day,a,b) */ from t";
        assertThat(RedshiftDialect.translate(sql)).isEqualTo(sql);
    }
}
