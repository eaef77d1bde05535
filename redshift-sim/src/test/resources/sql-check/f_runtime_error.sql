-- Creating this view succeeds; selecting from it fails: query text is no number.
CREATE OR REPLACE VIEW admin.v_query_numbers AS
SELECT query, CAST(TRIM(querytxt) AS INTEGER) AS as_number
FROM stl_query;
