-- A script of several statements; the semicolons in comments; and strings; must not split it.
/* block comment; with /* a nested one; */ still a comment; */
DROP TABLE IF EXISTS admin.check_notes;
CREATE TABLE admin.check_notes (
    id INTEGER,
    note VARCHAR(100)      -- a trailing comment; with a semicolon
);
INSERT INTO admin.check_notes VALUES (1, 'first; second'), (2, 'it\'s; quoted'), (3, 'plain');
INSERT INTO admin.check_notes VALUES (4, '"not an identifier;"');
SELECT id, note AS "semi;colon"
FROM admin.check_notes
WHERE note LIKE '%;%'
ORDER BY id;
