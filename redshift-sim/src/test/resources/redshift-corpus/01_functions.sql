-- Redshift's own functions, with the results their pages document
-- (https://docs.aws.amazon.com/redshift/latest/dg/<page>.html).
-- scenario: star-schema
-- user: admin

-- r_DATEDIFF_function: weeks between two dates.
-- result: 52
select datediff(week, '2009-01-01', '2009-12-31') as numweeks;

-- r_DATEDIFF_function
-- result: 81
select datediff(day, '2009-01-01', '2009-03-23');

-- r_Dateparts_for_datetime_functions: ms is millisecond.
-- result: 1500
select datediff(ms, '2009-01-01 00:00:00', '2009-01-01 00:00:01.5');

-- r_DATEADD_function: adding months keeps the day, or takes the month's last.
-- result: 2009-08-28 00:00:00
select dateadd(month, 18, '2008-02-28') as novplus30;

-- r_DATEADD_function: m is minute, not month.
-- result: 2008-02-28 00:30:00
select dateadd(m, 30, '2008-02-28');

-- r_ADD_MONTHS
-- result: 2008-04-30 00:00:00
select add_months('2008-03-31', 1);

-- r_LAST_DAY
-- result: 2014-01-31
select last_day('2014-01-15');

-- r_DATE_PART_function, with its synonym PGDATE_PART and the DATEPART spelling admin scripts use.
-- result: 18.0
select date_part(w, timestamp '2022-05-02 04:05:06.789');
-- result: 11.0
select pgdate_part(hour, timestamp '2009-09-21 11:10:03');
-- result: 11.0
select datepart(hour, timestamp '2009-09-21 11:10:03');

-- r_TRUNC_date: TRUNC of a timestamp is its date.
-- result: 2011-07-21
select trunc(timestamp '2011-07-21 10:32:38');

-- CONVERT_TIMEZONE
-- result: 2008-03-05 09:25:29
select convert_timezone('EST', 'PST', '2008-03-05 12:25:29');

-- GETDATE: the current time, to the second (r_GETDATE); SYSDATE without parentheses (r_SYSDATE).
-- result: t
select getdate() = date_trunc('second', getdate()) and sysdate >= getdate() - interval '1 minute';

-- r_NVL_function, r_NVL2, r_DECODE_expression
-- result: 12
select nvl(null, 12, null);
-- result: n
select nvl2(null, 'y', 'n');
-- result: Major League Baseball
select decode('MLB', 'NHL', 'National Hockey League', 'MLB', 'Major League Baseball', 'Unknown');

-- r_CHARINDEX, r_LEN, r_STRTOL
-- result: 4
select charindex('fish', 'dogfish');
-- result: 3
select len('cat   '::char(6));
-- result: 2882343476
select strtol('abcd1234', 16);

-- r_ROUND: ROUND(double precision, places).
-- result: 28.1
select round(28.05::float8, 1);

-- r_CONCAT takes two arguments and is NULL when either is.
-- result: null
select concat('a', null);
-- r_CONCAT: three arguments are refused.
-- error: 42883 concat
select concat('a', 'b', 'c');

-- String + string concatenates (the page of NVL2 writes it so).
-- result: Aphrodite Acevedo
select 'Aphrodite' + ' ' + 'Acevedo';

-- REGEXP_INSTR, REGEXP_COUNT, REGEXP_SUBSTR
-- result: 5
select regexp_instr('the fox', 'FOX', 1, 1, 0, 'i');
-- result: 8
select regexp_count('abcdefghijklmnopqrstuvwxyz', '[a-z]{3}');

-- r_Type_conversion: numbers convert to strings where a string is expected, integers to booleans.
-- result: 00042
select lpad(42, 5, '0');
-- result: query 7
select 'query ' || 7;
-- result: yes
select case when 1 then 'yes' else 'no' end;

-- String literals: a backslash escapes the next character (r_CREATE_USER's example).
-- result: it's
select 'it\'s';

-- PG_LAST_QUERY_ID: -1 when the session ran no query yet (r_PG_LAST_QUERY_ID).
-- result: -1
select pg_last_query_id();

-- TOP n limits the rows (r_TOP_clause).
-- rows: 3
select top 3 query from stl_query order by query;

-- MEDIAN and LISTAGG run on the compute nodes, here over STV_TBL_PERM's slices (r_MEDIAN, r_LISTAGG):
-- star-schema has 8 slices.
-- result: 3.5
select median(slice) from stv_tbl_perm;
-- result: 7, 6, 5, 4, 3, 2, 1, 0
select listagg(distinct slice, ', ') within group (order by slice desc) from stv_tbl_perm;

-- CURRENT_USER_ID without parentheses (r_CURRENT_USER_ID).
-- result: t
select current_user_id = (select usesysid from pg_user where usename = current_user);

-- r_SHOW: Redshift's own settings; an unset query_group shows "unset", SET changes it for the session.
-- result: unset
show query_group;
set query_group to 'corpus';
-- result: corpus
show query_group;
reset query_group;
-- result: 10
show analyze_threshold_percent;
-- result: 1
show wlm_query_slot_count;
