-- Redshift's SQL functions, aggregates and operators that PostgreSQL lacks or defines otherwise,
-- with Redshift's signatures and results. Each cites the page of the Amazon Redshift Database
-- Developer Guide it follows (https://docs.aws.amazon.com/redshift/latest/dg/<page>.html). Syntax
-- PostgreSQL cannot parse (bare dateparts, DECODE, NVL, TOP, ...) is translated by the gateway
-- (autopilot.sim.dialect) into calls of these. They live in pg_catalog so they resolve unqualified.

-- Date parts and their abbreviations (r_Dateparts_for_datetime_functions); 'm' is minute.
CREATE FUNCTION redshift_sim.datepart(part text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
    CASE lower(btrim(part))
        WHEN 'millennium', 'millennia', 'mil', 'mils' THEN RETURN 'millennium';
        WHEN 'century', 'centuries', 'c', 'cent', 'cents' THEN RETURN 'century';
        WHEN 'decade', 'decades', 'dec', 'decs' THEN RETURN 'decade';
        WHEN 'year', 'years', 'y', 'yr', 'yrs' THEN RETURN 'year';
        WHEN 'quarter', 'quarters', 'qtr', 'qtrs' THEN RETURN 'quarter';
        WHEN 'month', 'months', 'mon', 'mons' THEN RETURN 'month';
        WHEN 'week', 'weeks', 'w' THEN RETURN 'week';
        WHEN 'day', 'days', 'd' THEN RETURN 'day';
        WHEN 'hour', 'hours', 'h', 'hr', 'hrs' THEN RETURN 'hour';
        WHEN 'minute', 'minutes', 'm', 'min', 'mins' THEN RETURN 'minute';
        WHEN 'second', 'seconds', 's', 'sec', 'secs' THEN RETURN 'second';
        WHEN 'millisecond', 'milliseconds', 'ms', 'msec', 'msecs', 'msecond', 'mseconds', 'millisec', 'millisecs', 'millisecon'
            THEN RETURN 'millisecond';
        WHEN 'microsecond', 'microseconds', 'microsec', 'microsecs', 'usecond', 'useconds', 'us', 'usec', 'usecs'
            THEN RETURN 'microsecond';
        ELSE RAISE EXCEPTION 'Invalid datepart: %', part USING ERRCODE = '22023';
    END CASE;
END $$;

-- DATEDIFF counts the datepart's boundaries crossed from a to b, not elapsed whole units:
-- 2008-12-31 to 2009-01-01 is one year (r_DATEDIFF_function). Weeks start on Monday (r_DATE_TRUNC).
CREATE FUNCTION pg_catalog.datediff(part text, a timestamp, b timestamp) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    p text := redshift_sim.datepart(part);
    years bigint := extract(year FROM b)::bigint - extract(year FROM a)::bigint;
BEGIN
    IF a IS NULL OR b IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN CASE p
        WHEN 'millennium' THEN floor((extract(year FROM b) - 1) / 1000) - floor((extract(year FROM a) - 1) / 1000)
        WHEN 'century' THEN floor((extract(year FROM b) - 1) / 100) - floor((extract(year FROM a) - 1) / 100)
        WHEN 'decade' THEN floor(extract(year FROM b) / 10) - floor(extract(year FROM a) / 10)
        WHEN 'year' THEN years
        WHEN 'quarter' THEN years * 4 + extract(quarter FROM b)::bigint - extract(quarter FROM a)::bigint
        WHEN 'month' THEN years * 12 + extract(month FROM b)::bigint - extract(month FROM a)::bigint
        WHEN 'week' THEN (date_trunc('week', b)::date - date_trunc('week', a)::date) / 7
        WHEN 'day' THEN b::date - a::date
        WHEN 'hour' THEN floor(extract(epoch FROM date_trunc('hour', b) - date_trunc('hour', a)) / 3600)
        WHEN 'minute' THEN floor(extract(epoch FROM date_trunc('minute', b) - date_trunc('minute', a)) / 60)
        WHEN 'second' THEN floor(extract(epoch FROM date_trunc('second', b) - date_trunc('second', a)))
        WHEN 'millisecond' THEN floor(extract(epoch FROM b) * 1000) - floor(extract(epoch FROM a) * 1000)
        ELSE floor(extract(epoch FROM b) * 1000000) - floor(extract(epoch FROM a) * 1000000)
    END;
END $$;
CREATE FUNCTION pg_catalog.datediff(part text, a timestamptz, b timestamptz) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT pg_catalog.datediff(part, a AT TIME ZONE 'UTC', b AT TIME ZONE 'UTC') $$;
CREATE FUNCTION pg_catalog.datediff(part text, a time, b time) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$ SELECT pg_catalog.datediff(part, date '2000-01-01' + a, date '2000-01-01' + b) $$;
-- String literals ('2009-01-01') are read as timestamps, as Redshift reads them.
CREATE FUNCTION pg_catalog.datediff(part text, a text, b text) RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT pg_catalog.datediff(part, a::timestamp, b::timestamp) $$;

-- DATEADD returns a TIMESTAMP for a date or timestamp (r_DATEADD_function). Adding months keeps the
-- day when the target month has it (2008-04-30 + 1 month = 2008-05-30), else the month's last day;
-- adding a year to 29 February gives 1 March of a common year, as the page's leap-day example shows.
CREATE FUNCTION pg_catalog.dateadd(part text, n bigint, t timestamp) RETURNS timestamp
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    p text := redshift_sim.datepart(part);
    years bigint;
BEGIN
    IF t IS NULL OR n IS NULL THEN
        RETURN NULL;
    END IF;
    years := CASE p WHEN 'millennium' THEN n * 1000 WHEN 'century' THEN n * 100 WHEN 'decade' THEN n * 10 WHEN 'year' THEN n ELSE NULL END;
    IF years IS NOT NULL THEN
        IF extract(month FROM t) = 2 AND extract(day FROM t) = 29
           AND extract(day FROM make_date((extract(year FROM t) + years)::int, 3, 1) - 1) = 28 THEN
            RETURN make_date((extract(year FROM t) + years)::int, 3, 1) + t::time;
        END IF;
        RETURN t + make_interval(years => years::int);
    END IF;
    RETURN CASE p
        WHEN 'quarter' THEN t + make_interval(months => (3 * n)::int)
        WHEN 'month' THEN t + make_interval(months => n::int)
        WHEN 'week' THEN t + make_interval(weeks => n::int)
        WHEN 'day' THEN t + make_interval(days => n::int)
        WHEN 'hour' THEN t + n * interval '1 hour'
        WHEN 'minute' THEN t + n * interval '1 minute'
        WHEN 'second' THEN t + n * interval '1 second'
        WHEN 'millisecond' THEN t + n * interval '1 millisecond'
        ELSE t + n * interval '1 microsecond'
    END;
END $$;
CREATE FUNCTION pg_catalog.dateadd(part text, n bigint, t date) RETURNS timestamp
LANGUAGE sql IMMUTABLE AS $$ SELECT pg_catalog.dateadd(part, n, t::timestamp) $$;
CREATE FUNCTION pg_catalog.dateadd(part text, n bigint, t time) RETURNS time
LANGUAGE sql IMMUTABLE AS $$ SELECT pg_catalog.dateadd(part, n, date '2000-01-01' + t)::time $$;
CREATE FUNCTION pg_catalog.dateadd(part text, n bigint, t text) RETURNS timestamp
LANGUAGE sql STABLE AS $$ SELECT pg_catalog.dateadd(part, n, t::timestamp) $$;

-- GETDATE: the start of the current statement, whole seconds (every example in r_GETDATE has none).
-- SYSDATE: the start of the current transaction, with microseconds (r_SYSDATE). Both in the session's
-- time zone, UTC unless set.
CREATE FUNCTION pg_catalog.getdate() RETURNS timestamp
LANGUAGE sql STABLE AS $$ SELECT date_trunc('second', statement_timestamp())::timestamp $$;
CREATE FUNCTION pg_catalog.sysdate() RETURNS timestamp
LANGUAGE sql STABLE AS $$ SELECT transaction_timestamp()::timestamp $$;

-- TRUNC(timestamp) is a DATE (r_TRUNC_date).
CREATE FUNCTION pg_catalog.trunc(t timestamp) RETURNS date
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT t::date $$;

-- ROUND(double precision, n) keeps the input type (r_ROUND); PostgreSQL rounds only numeric to places.
CREATE FUNCTION pg_catalog.round(x double precision, places integer) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT round(x::numeric, places)::double precision $$;

-- CONVERT_TIMEZONE(['source',] 'target', timestamp); the source defaults to UTC (CONVERT_TIMEZONE).
CREATE FUNCTION pg_catalog.convert_timezone(source text, target text, t timestamp) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT (t AT TIME ZONE source) AT TIME ZONE target $$;
CREATE FUNCTION pg_catalog.convert_timezone(target text, t timestamp) RETURNS timestamp
LANGUAGE sql STABLE STRICT AS $$ SELECT (t AT TIME ZONE 'UTC') AT TIME ZONE target $$;

-- ADD_MONTHS moves a month's last day to the target month's last day (r_ADD_MONTHS).
CREATE FUNCTION pg_catalog.add_months(t timestamp, n integer) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN t::date = (date_trunc('month', t) + interval '1 month - 1 day')::date
                THEN (date_trunc('month', t) + make_interval(months => n + 1) - interval '1 day')::date + t::time
                ELSE t + make_interval(months => n) END
$$;
CREATE FUNCTION pg_catalog.last_day(t timestamp) RETURNS date
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT (date_trunc('month', t) + interval '1 month - 1 day')::date $$;
-- MONTHS_BETWEEN: whole months from year and month, the rest from day and time over a 31-day month;
-- the same day of month, or both months' last days, give a whole number (r_MONTHS_BETWEEN_function).
CREATE FUNCTION pg_catalog.months_between(a timestamp, b timestamp) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT ((extract(year FROM a) - extract(year FROM b)) * 12 + extract(month FROM a) - extract(month FROM b))::double precision
           + CASE WHEN extract(day FROM a) = extract(day FROM b)
                       OR (pg_catalog.last_day(a) = a::date AND pg_catalog.last_day(b) = b::date) THEN 0
                  ELSE (extract(epoch FROM (a - date_trunc('month', a))) - extract(epoch FROM (b - date_trunc('month', b))))
                       / (31 * 86400.0) END
$$;
-- DATE_CMP and TIMESTAMP_CMP (r_DATE_CMP, r_TIMESTAMP_CMP) are PostgreSQL's own btree comparison
-- functions, with the same -1/0/1 results.

-- CHARINDEX(substring, string): 1-based, 0 when absent (r_CHARINDEX).
CREATE FUNCTION pg_catalog.charindex(sub text, s text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT strpos(s, sub) $$;
-- LEN and TEXTLEN count characters; a CHAR's trailing blanks do not count, a VARCHAR's do (r_LEN).
CREATE FUNCTION pg_catalog.len(s text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT length(s) $$;
CREATE FUNCTION pg_catalog.len(s character) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT length(s) $$;
-- TEXTLEN is PostgreSQL's own (text; a CHAR loses its trailing blanks on the way to text).

-- STRTOL(num_string, base): BIGINT; leading blanks, one sign, and 0x with base 16 allowed;
-- '' gives 0 (r_STRTOL).
CREATE FUNCTION pg_catalog.strtol(s text, base integer) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    digits text := lower(ltrim(s));
    negative boolean := false;
    result numeric := 0;
    d integer;
    c text;
BEGIN
    IF base < 2 OR base > 36 THEN
        RAISE EXCEPTION 'strtol: base must be between 2 and 36, found %', base USING ERRCODE = '22023';
    END IF;
    IF left(digits, 1) IN ('+', '-') THEN
        negative := left(digits, 1) = '-';
        digits := substr(digits, 2);
    END IF;
    IF base = 16 AND left(digits, 2) = '0x' THEN
        digits := substr(digits, 3);
    END IF;
    FOREACH c IN ARRAY regexp_split_to_array(digits, '') LOOP
        d := CASE WHEN c ~ '[0-9]' THEN ascii(c) - 48 WHEN c ~ '[a-z]' THEN ascii(c) - 87 ELSE 99 END;
        EXIT WHEN d >= base;
        result := result * base + d;
    END LOOP;
    RETURN (CASE WHEN negative THEN -result ELSE result END)::bigint;
END $$;

-- String + string concatenates, as Redshift's examples write it (r_NVL2: firstname + ' ' + lastname).
CREATE OPERATOR pg_catalog.+ (LEFTARG = text, RIGHTARG = text, FUNCTION = textcat);

-- MEDIAN(expr): PERCENTILE_CONT(0.5), as an aggregate and as a window function (r_MEDIAN,
-- r_WF_MEDIAN). Integers and decimals give DECIMAL, floating point DOUBLE PRECISION.
CREATE FUNCTION redshift_sim.median_final(v double precision[]) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$ SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(v) x $$;
CREATE FUNCTION redshift_sim.median_final(v numeric[]) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$ SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x::double precision)::numeric FROM unnest(v) x $$;
CREATE FUNCTION redshift_sim.median_append(s numeric[], x anyelement) RETURNS numeric[]
LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN x IS NULL THEN s ELSE array_append(s, x::numeric) END $$;
CREATE FUNCTION redshift_sim.median_append(s double precision[], x double precision) RETURNS double precision[]
LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN x IS NULL THEN s ELSE array_append(s, x) END $$;
CREATE AGGREGATE pg_catalog.median(double precision) (SFUNC = redshift_sim.median_append, STYPE = double precision[], FINALFUNC = redshift_sim.median_final);
CREATE AGGREGATE pg_catalog.median(numeric) (SFUNC = redshift_sim.median_append, STYPE = numeric[], FINALFUNC = redshift_sim.median_final);
CREATE AGGREGATE pg_catalog.median(bigint) (SFUNC = redshift_sim.median_append, STYPE = numeric[], FINALFUNC = redshift_sim.median_final);
CREATE AGGREGATE pg_catalog.median(integer) (SFUNC = redshift_sim.median_append, STYPE = numeric[], FINALFUNC = redshift_sim.median_final);
CREATE AGGREGATE pg_catalog.median(smallint) (SFUNC = redshift_sim.median_append, STYPE = numeric[], FINALFUNC = redshift_sim.median_final);

-- PERCENTILE_CONT/DISC(p) WITHIN GROUP (ORDER BY x) OVER (PARTITION BY ...): PostgreSQL cannot window
-- an ordered-set aggregate, so the gateway rewrites the windowed form to these (r_WF_PERCENTILE_CONT,
-- r_WF_PERCENTILE_DISC). CONT interpolates at 1 + p(N - 1); DISC takes the first value whose
-- cumulative share reaches p.
CREATE FUNCTION redshift_sim.percentile_state(s double precision[], x double precision, p double precision)
RETURNS double precision[] LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN x IS NULL THEN coalesce(s, ARRAY[p]) ELSE coalesce(s, ARRAY[p]) || x END
$$;
CREATE FUNCTION redshift_sim.percentile_cont_final(s double precision[]) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$ SELECT percentile_cont(s[1]) WITHIN GROUP (ORDER BY x) FROM unnest(s[2:]) x $$;
CREATE FUNCTION redshift_sim.percentile_disc_final(s double precision[]) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$ SELECT percentile_disc(s[1]) WITHIN GROUP (ORDER BY x) FROM unnest(s[2:]) x $$;
CREATE AGGREGATE redshift_sim.percentile_cont_window(double precision, double precision)
    (SFUNC = redshift_sim.percentile_state, STYPE = double precision[], FINALFUNC = redshift_sim.percentile_cont_final);
CREATE AGGREGATE redshift_sim.percentile_disc_window(double precision, double precision)
    (SFUNC = redshift_sim.percentile_state, STYPE = double precision[], FINALFUNC = redshift_sim.percentile_disc_final);

-- CURRENT_USER_ID (no parentheses on Redshift; the gateway adds them): the user's id (r_CURRENT_USER_ID).
CREATE FUNCTION pg_catalog.current_user_id() RETURNS integer
LANGUAGE sql STABLE AS $$ SELECT oid::integer FROM pg_roles WHERE rolname = current_user $$;

-- The session's last query and COPY: the simulator logs no statements of its clients, so a session has
-- run none it could name: -1, as the pages document for that case; PG_LAST_COPY_COUNT 0
-- (PG_LAST_QUERY_ID, PG_LAST_COPY_ID, PG_LAST_COPY_COUNT).
CREATE FUNCTION pg_catalog.pg_last_query_id() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT -1 $$;
CREATE FUNCTION pg_catalog.pg_last_copy_id() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT -1 $$;
CREATE FUNCTION pg_catalog.pg_last_copy_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT 0::bigint $$;
CREATE FUNCTION pg_catalog.pg_last_unload_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT 0::bigint $$;

-- Implicit conversions (r_Type_conversion, "Implicit conversion types"): Redshift converts numbers
-- to character strings where a string is expected ("If you compare numeric values with character
-- strings, the numeric values are converted to character strings"), as PostgreSQL 8.0, its base,
-- did for every type (LPAD(42, 5, '0'), TRIM(oid)); and SMALLINT, INTEGER and BIGINT to BOOLEAN
-- (CASE WHEN aborted THEN ...). PostgreSQL 8.3 dropped the casts to text because they made ||
-- ambiguous; a || operator for each such type and text keeps 'x' || 42 resolving as before.
UPDATE pg_catalog.pg_cast SET castcontext = 'i' WHERE castsource = 'integer'::regtype AND casttarget = 'boolean'::regtype;
CREATE FUNCTION redshift_sim.to_boolean(n smallint) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT n <> 0 $$;
CREATE FUNCTION redshift_sim.to_boolean(n bigint) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT n <> 0 $$;
CREATE CAST (smallint AS boolean) WITH FUNCTION redshift_sim.to_boolean(smallint) AS IMPLICIT;
CREATE CAST (bigint AS boolean) WITH FUNCTION redshift_sim.to_boolean(bigint) AS IMPLICIT;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision', 'oid'] LOOP
        EXECUTE format('CREATE CAST (%s AS text) WITH INOUT AS IMPLICIT', t);
        EXECUTE format('CREATE FUNCTION redshift_sim.textcat(a text, b %s) RETURNS text LANGUAGE sql IMMUTABLE STRICT '
                       'AS $f$ SELECT a || b::text $f$', t);
        EXECUTE format('CREATE FUNCTION redshift_sim.textcat(a %s, b text) RETURNS text LANGUAGE sql IMMUTABLE STRICT '
                       'AS $f$ SELECT a::text || b $f$', t);
        EXECUTE format('CREATE OPERATOR pg_catalog.|| (LEFTARG = text, RIGHTARG = %s, FUNCTION = redshift_sim.textcat)', t);
        EXECUTE format('CREATE OPERATOR pg_catalog.|| (LEFTARG = %s, RIGHTARG = text, FUNCTION = redshift_sim.textcat)', t);
    END LOOP;
END $$;

-- MAKEACLITEM as PostgreSQL 8.0 (Redshift's base) declares it: user id, group id (0 when the
-- grantee is a user), grantor, privileges, grant option; PostgreSQL 8.1 merged users and groups
-- into roles and dropped the group argument. AWS's user_to_be_dropped_privs script calls it so.
CREATE FUNCTION pg_catalog.makeaclitem(userid integer, groupid oid, grantor integer, privileges text, grant_option boolean)
RETURNS aclitem LANGUAGE sql STABLE STRICT AS $$
    SELECT pg_catalog.makeaclitem((CASE WHEN userid <> 0 THEN userid::oid ELSE groupid END), grantor::oid, privileges, grant_option)
$$;
