package autopilot.sim.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Redshift's functions give the results AWS's pages document, sent as Redshift SQL through the
 * Redshift JDBC driver (the gateway translates, PostgreSQL runs the simulator's definitions).
 * Each row: the expression, the documented result as text, the page it comes from.
 */
class DialectFunctionsTest {

    private static SimCluster cluster;
    private static Connection admin;

    @BeforeAll
    static void start() throws SQLException {
        cluster = SimCluster.start(ScenarioLoader.shipped("healthy"), 0);
        admin = DriverManager.getConnection(cluster.jdbcUrl(), "admin", "Admin-pass1");
    }

    @AfterAll
    static void stop() throws SQLException {
        admin.close();
        cluster.close();
    }

    private static String value(String expression) throws SQLException {
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery("select " + expression)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @ParameterizedTest(name = "{0} = {1} ({2})")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            datediff(week,'2009-01-01','2009-12-31')                              | 52                  | r_DATEDIFF_function
            datediff(hour, '2023-01-01', '2023-01-03 05:04:03')                   | 53                  | r_DATEDIFF_function
            datediff(day, '2009-01-01', '2009-03-23')                             | 81                  | r_DATEDIFF_function
            datediff(year, '2008-12-31', '2009-01-01')                            | 1                   | r_DATEDIFF_function
            datediff(qtr, '1998-07-01', date '2008-06-05')                        | 39                  | boundaries crossed; r_DATEDIFF_function's example with current_date 2008-06-05 shows 40 (README: open questions)
            datediff(hour, time '20:00:00', time '15:24:45')                      | -5                  | r_DATEDIFF_function
            datediff(minute, time '20:00:00', time '21:00:00')                    | 60                  | r_DATEDIFF_function
            datediff(ms, '2009-01-01 00:00:00', '2009-01-01 00:00:01.5')          | 1500                | r_Dateparts_for_datetime_functions
            dateadd(month,18,'2008-02-28')                                        | 2009-08-28 00:00:00 | r_DATEADD_function
            dateadd(m,30,'2008-02-28')                                            | 2008-02-28 00:30:00 | r_DATEADD_function
            dateadd(month,1,'2008-04-30')                                         | 2008-05-30 00:00:00 | r_DATEADD_function
            dateadd(month,12,'2016-02-29')                                        | 2017-02-28 00:00:00 | r_DATEADD_function
            dateadd(year,1,'2016-02-29')                                          | 2017-03-01 00:00:00 | r_DATEADD_function
            dateadd(hour, 12, time '13:24:55')                                    | 01:24:55            | r_DATEADD_function
            add_months('2008-03-31',1)                                            | 2008-04-30 00:00:00 | r_ADD_MONTHS
            add_months('2008-04-30',1)                                            | 2008-05-31 00:00:00 | r_ADD_MONTHS
            months_between('1969-01-18', '1969-03-18')                            | -2.0                | r_MONTHS_BETWEEN_function
            last_day('2014-01-15')                                                | 2014-01-31          | r_LAST_DAY
            date_part(w, timestamp '2022-05-02 04:05:06.789')                     | 18.0                | r_DATE_PART_function
            date_part(sec, timestamp '2009-09-21 11:10:03.189717')                | 3.189717            | r_Dateparts_for_datetime_functions
            trunc(timestamp '2011-07-21 10:32:38')                                | 2011-07-21          | r_TRUNC_date
            convert_timezone('EST', 'PST', '2008-03-05 12:25:29')                 | 2008-03-05 09:25:29 | CONVERT_TIMEZONE
            convert_timezone('America/New_York', '2013-02-01 08:00:00')           | 2013-02-01 03:00:00 | CONVERT_TIMEZONE
            date_cmp('2008-01-01','2008-01-04')                                   | -1                  | r_DATE_CMP
            nvl(null, 12, null)                                                   | 12                  | r_NVL_function
            nvl2(null, 'y', 'n')                                                  | n                   | r_NVL2
            decode(null::int, null, 0, 1)                                         | 0                   | r_DECODE_expression
            decode('MLB', 'NHL', 'National Hockey League', 'MLB', 'Major League Baseball', 'Unknown') | Major League Baseball | r_DECODE_expression
            charindex('fish','dogfish')                                           | 4                   | r_CHARINDEX
            charindex('dog','fish')                                               | 0                   | r_CHARINDEX
            len('cat   ')                                                         | 6                   | r_LEN
            len('cat   '::char(6))                                                | 3                   | r_LEN
            strtol('0xf',16)                                                      | 15                  | r_STRTOL
            strtol('abcd1234',16)                                                 | 2882343476          | r_STRTOL
            strtol('110101',2)                                                    | 53                  | r_STRTOL
            round(28.05::float8, 1)                                               | 28.1                | r_ROUND
            concat('December 25, ', '2008')                                       | December 25, 2008   | r_CONCAT
            concat('a', null)                                                     |                     | r_CONCAT
            'Aphrodite' + ' ' + 'Acevedo'                                         | Aphrodite Acevedo   | r_NVL2
            convert(integer, '12')                                                | 12                  | r_CONVERT_function
            regexp_instr('the fox','FOX',1,1,0,'i')                               | 5                   | REGEXP_INSTR
            regexp_count('abcdefghijklmnopqrstuvwxyz','[a-z]{3}')                 | 8                   | REGEXP_COUNT
            regexp_substr('the fox','FOX',1,1,'i')                                | fox                 | REGEXP_SUBSTR
            'it\\'s'                                                              | it's                | r_CREATE_USER (backslash escapes)
            "md5('\\\\'||'slashpass')"                                            | 0c983d1a624280812631c5389e60d48c | r_CREATE_USER
            pg_last_query_id()                                                    | -1                  | PG_LAST_QUERY_ID
            """)
    void documentedExamples(String expression, String expected, String page) throws SQLException {
        assertThat(value(expression)).as(page).isEqualTo(expected == null ? null : expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            select median(slice) from stv_tbl_perm                                                                      | 1.5
            select listagg(distinct slice, ', ') within group (order by slice desc) from stv_tbl_perm                   | 3, 2, 1, 0
            select count(*) from (select top 2 1 from (select 1 union all select 1 union all select 1) t)                 | 2
            select max(p) from (select percentile_cont(0.5) within group (order by slice) over (partition by id) as p from stv_tbl_perm) t | 1.5
            select getdate() = date_trunc('second', getdate())                                                          | t
            select current_user_id = (select usesysid from pg_user where usename = current_user)                        | t
            """)
    void documentedAggregatesAndSyntax(String sql, String expected) throws SQLException {
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            assertThat(rs.getString(1)).as(sql).isEqualTo(expected);
        }
    }
}
