package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checker of the DDL the analyzer recommends, transcribed from Redshift's documented grammar: ALTER TABLE
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html: ALTER DISTSTYLE ALL | EVEN | AUTO | KEY DISTKEY c,
 * ALTER DISTKEY c, ALTER [COMPOUND] SORTKEY (c, ...), ALTER SORTKEY AUTO | NONE, ALTER ENCODE AUTO, ALTER COLUMN c
 * ENCODE e, ALTER COLUMN c TYPE VARCHAR(n), RENAME TO t), CREATE TABLE with column definitions and table attributes
 * (r_CREATE_TABLE_NEW.html: DISTSTYLE, DISTKEY (c), [COMPOUND | INTERLEAVED] SORTKEY (c, ...)), INSERT INTO ...
 * SELECT * FROM ..., DROP TABLE, BEGIN, COMMIT. It also checks that statements name only tables and columns of the
 * catalog (or tables the same statement list creates).
 */
final class RedshiftDdl {

    static final String ID = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    static final String TABLE = "(" + ID + ")\\s*\\.\\s*(" + ID + ")";
    static final String COLS = "\\(\\s*(" + ID + "(?:\\s*,\\s*" + ID + ")*)\\s*\\)";
    static final Set<String> ENCODINGS = Set.of("az64", "bytedict", "delta", "delta32k", "lzo", "mostly8", "mostly16", "mostly32",
            "raw", "runlength", "text255", "text32k", "zstd");
    static final Pattern ALTER = Pattern.compile("(?is)ALTER\\s+TABLE\\s+" + TABLE + "\\s+(.*);");
    static final Pattern CREATE = Pattern.compile("(?is)CREATE\\s+TABLE\\s+" + TABLE + "\\s*\\((.*)\\)\\s*"
            + "(DISTSTYLE\\s+(?:ALL|EVEN|AUTO|KEY\\s+DISTKEY\\s*" + COLS + "))"
            + "(?:\\s+(?:COMPOUND\\s+|INTERLEAVED\\s+)?SORTKEY\\s*" + COLS + ")?\\s*;");
    static final Pattern INSERT = Pattern.compile("(?is)INSERT\\s+INTO\\s+" + TABLE + "\\s+SELECT\\s+\\*\\s+FROM\\s+" + TABLE + "\\s*;");
    static final Pattern DROP = Pattern.compile("(?is)DROP\\s+TABLE\\s+" + TABLE + "\\s*;");
    static final Pattern COLUMN_DEF = Pattern.compile("(?is)\\s*(" + ID + ")\\s+([A-Za-z][A-Za-z0-9 ]*(?:\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\))?"
            + "(?:\\s+(?:without|with)\\s+time\\s+zone)?)\\s+ENCODE\\s+([a-z0-9]+)(\\s+NOT\\s+NULL)?\\s*");

    private final Map<String, Set<String>> tables = new HashMap<>();

    RedshiftDdl(List<TableState> catalog) {
        for (TableState t : catalog) {
            Set<String> columns = new HashSet<>();
            t.columns().forEach(c -> columns.add(c.name().toLowerCase(Locale.ROOT)));
            tables.put(key(t.schema(), t.name()), columns);
        }
    }

    /** Checks a list of statements meant to run in order; returns the problems found (empty when valid). */
    List<String> check(List<String> statements) {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> known = new HashMap<>(tables);
        for (String s : statements) {
            String problem = check(s.trim(), known);
            if (problem != null) problems.add(problem + ": " + s);
        }
        return problems;
    }

    private String check(String s, Map<String, Set<String>> known) {
        if (s.equalsIgnoreCase("BEGIN;") || s.equalsIgnoreCase("COMMIT;")) return null;
        Matcher m;
        if ((m = ALTER.matcher(s)).matches()) {
            String table = key(m.group(1), m.group(2));
            Set<String> columns = known.get(table);
            if (columns == null) return "unknown table " + table;
            String clause = m.group(3).trim();
            Matcher c;
            if (clause.matches("(?is)ALTER\\s+DISTSTYLE\\s+(ALL|EVEN|AUTO)") || clause.matches("(?is)ALTER\\s+(SORTKEY\\s+(AUTO|NONE)|ENCODE\\s+AUTO)")) {
                return null;
            }
            if ((c = Pattern.compile("(?is)ALTER\\s+(?:DISTSTYLE\\s+KEY\\s+)?DISTKEY\\s+(" + ID + ")").matcher(clause)).matches()) {
                return column(columns, c.group(1));
            }
            if ((c = Pattern.compile("(?is)ALTER\\s+(?:COMPOUND\\s+)?SORTKEY\\s*" + COLS).matcher(clause)).matches()) {
                return columns(columns, c.group(1));
            }
            if ((c = Pattern.compile("(?is)ALTER\\s+COLUMN\\s+(" + ID + ")\\s+ENCODE\\s+([A-Za-z0-9]+)").matcher(clause)).matches()) {
                return !ENCODINGS.contains(c.group(2).toLowerCase(Locale.ROOT)) ? "unknown encoding " + c.group(2) : column(columns, c.group(1));
            }
            if ((c = Pattern.compile("(?is)ALTER\\s+COLUMN\\s+(" + ID + ")\\s+TYPE\\s+VARCHAR\\s*\\(\\s*\\d+\\s*\\)").matcher(clause)).matches()) {
                return column(columns, c.group(1));
            }
            if ((c = Pattern.compile("(?is)RENAME\\s+TO\\s+(" + ID + ")").matcher(clause)).matches()) {
                known.put(key(m.group(1), c.group(1)), known.remove(table));
                return null;
            }
            return "not an ALTER TABLE clause of the grammar";
        }
        if ((m = CREATE.matcher(s)).matches()) {
            Set<String> columns = new HashSet<>();
            for (String def : splitTopLevel(m.group(3))) {
                Matcher d = COLUMN_DEF.matcher(def);
                if (!d.matches()) return "not a column definition: " + def;
                if (!ENCODINGS.contains(d.group(3).toLowerCase(Locale.ROOT))) return "unknown encoding " + d.group(3);
                columns.add(name(d.group(1)));
            }
            if (m.group(5) != null && columns(columns, m.group(5)) != null) return "distkey not a column";
            if (m.group(6) != null && columns(columns, m.group(6)) != null) return "sort key not a column";
            known.put(key(m.group(1), m.group(2)), columns);
            return null;
        }
        if ((m = INSERT.matcher(s)).matches()) {
            return known.containsKey(key(m.group(1), m.group(2))) && known.containsKey(key(m.group(3), m.group(4))) ? null : "unknown table";
        }
        if ((m = DROP.matcher(s)).matches()) {
            return known.remove(key(m.group(1), m.group(2))) == null ? "unknown table" : null;
        }
        return "not a statement of the grammar";
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '(') depth++;
            else if (ch == ')') depth--;
            else if (ch == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String columns(Set<String> columns, String list) {
        for (String c : list.split(",")) {
            String problem = column(columns, c.trim());
            if (problem != null) return problem;
        }
        return null;
    }

    private static String column(Set<String> columns, String id) {
        return columns.contains(name(id)) ? null : "unknown column " + id;
    }

    static String name(String id) {
        String s = id.trim();
        return (s.startsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s).toLowerCase(Locale.ROOT);
    }

    private static String key(String schema, String table) {
        return name(schema) + "." + name(table);
    }
}
