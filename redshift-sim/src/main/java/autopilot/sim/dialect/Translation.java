package autopilot.sim.dialect;

import autopilot.sim.dialect.SqlLexer.Kind;
import autopilot.sim.dialect.SqlLexer.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One statement text's translation (see {@link RedshiftDialect}): renders the tokens back to text,
 * rewriting the Redshift-only constructs. Parenthesised groups are rendered recursively, so
 * rewrites nest ({@code NVL(DATEDIFF(day, a, b), 0)}) and a {@code TOP n} becomes the LIMIT of
 * its own query level.
 */
final class Translation {

    /**
     * CURRENT_DATABASE() answers the Redshift name of the database, which the PostgreSQL database
     * underneath does not carry when clusters of a fleet share one PostgreSQL; each database defines
     * this function with its Redshift name (autopilot.sim.catalog.DatabaseNames). The result column
     * keeps its name, current_database.
     */
    private static final String CURRENT_DATABASE = "redshift_sim.current_database";

    /** What a rewrite produced and the token index where rendering goes on. */
    private record Rewrite(String text, int end) {}

    private final List<Token> t;
    /** For each opening parenthesis or bracket, the index of its partner; -1 when unbalanced. */
    private final int[] partner;

    Translation(List<Token> tokens) {
        this.t = tokens;
        this.partner = partners(tokens);
    }

    String render() {
        return render(0, t.size());
    }

    private String render(int from, int to) {
        StringBuilder out = new StringBuilder();
        int sigEnd = 0; // where the text of the last significant token ends in out
        String pendingLimit = null;
        int i = from;
        while (i < to) {
            Token tok = t.get(i);
            if (tok.is(";") && pendingLimit != null) {
                out.insert(sigEnd, " LIMIT " + pendingLimit);
                pendingLimit = null;
            }
            Rewrite r = null;
            if (tok.is("(") && closes(i, to)) {
                r = new Rewrite("(" + render(i + 1, partner[i]) + ")", partner[i] + 1);
            } else if (tok.kind() == Kind.WORD) {
                r = word(i, to);
                if (r == null && tok.isWord("select")) {
                    int top = next(i + 1, to);
                    int count = next(top + 1, to);
                    if (top > 0 && t.get(top).isWord("top") && count > 0 && t.get(count).kind() == Kind.NUMBER) {
                        pendingLimit = t.get(count).text();
                        r = new Rewrite(tok.text(), count + 1);
                    }
                }
            }
            if (r == null) {
                out.append(tok.text());
                i++;
            } else {
                out.append(r.text());
                i = r.end();
            }
            if (tok.significant()) {
                sigEnd = out.length();
            }
        }
        if (pendingLimit != null) {
            out.insert(sigEnd, " LIMIT " + pendingLimit);
        }
        return out.toString();
    }

    /** A rewrite starting at word {@code i}, or null to keep it. */
    private Rewrite word(int i, int to) {
        String w = RedshiftDialect.lower(t.get(i).text());
        int prev = previous(i - 1);
        boolean qualified = prev >= 0 && t.get(prev).is(".");
        int next = next(i + 1, to);
        boolean call = next > 0 && t.get(next).is("(") && closes(next, to);
        if (qualified) {
            return null;
        }
        if (call) {
            return call(w, i, next);
        }
        if (w.equals("sysdate") || w.equals("current_user_id")) {
            return new Rewrite(w + "()", i + 1);
        }
        if (w.equals("approximate") && next > 0 && t.get(next).isWord("count")) {
            return new Rewrite("", next);
        }
        if (w.equals("pg_catalog") && next > 0 && t.get(next).is(".")) {
            int name = next(next + 1, to);
            if (name > 0 && remappedRelation(name, to)) {
                return new Rewrite(CatalogRelations.SCHEMA + "." + t.get(name).text(), name + 1);
            }
            int open = name > 0 ? next(name + 1, to) : -1;
            if (open > 0 && t.get(name).isWord("current_database") && t.get(open).is("(")) {
                return new Rewrite(CURRENT_DATABASE, name + 1);
            }
        }
        // Unqualified, the name is the relation only where a relation is named (after FROM, JOIN or a
        // comma of a FROM list), not as an alias: FROM pg_catalog.pg_user pg_user.
        if (remappedRelation(i, to) && prev >= 0 && (t.get(prev).isWord("from") || t.get(prev).isWord("join") || t.get(prev).is(","))) {
            return new Rewrite(CatalogRelations.SCHEMA + "." + t.get(i).text(), i + 1);
        }
        return null;
    }

    /** A catalog relation Redshift extends, named as a relation (not as a column's qualifier). */
    private boolean remappedRelation(int i, int to) {
        Token tok = t.get(i);
        int next = next(i + 1, to);
        return tok.kind() == Kind.WORD && CatalogRelations.remapped(RedshiftDialect.lower(tok.text()))
                && !(next > 0 && (t.get(next).is(".") || t.get(next).is("(")));
    }

    /** Rewrites of function-call syntax: {@code name} at {@code i}, its parenthesis at {@code open}. */
    private Rewrite call(String name, int i, int open) {
        int close = partner[open];
        List<int[]> args = arguments(open + 1, close);
        switch (name) {
            case "datediff", "dateadd", "date_part", "datepart", "pgdate_part" -> {
                int[] first = args.get(0);
                int only = onlySignificant(first);
                // PGDATE_PART is DATE_PART's documented synonym (r_DATE_PART); DATEPART is the spelling
                // AWS's own admin views use (amazon-redshift-utils v_query_type_duration_summary).
                String function = name.equals("datepart") || name.equals("pgdate_part") ? "date_part" : t.get(i).text();
                if (args.size() < 2 || only < 0 || t.get(only).kind() != Kind.WORD) {
                    return function.equals(t.get(i).text()) ? null : new Rewrite(function, i + 1);
                }
                String rest = render(first[1], close); // from the first comma on
                return new Rewrite(function + "('" + RedshiftDialect.lower(t.get(only).text()) + "'" + rest + ")", close + 1);
            }
            case "nvl" -> {
                return new Rewrite("COALESCE", i + 1);
            }
            case "current_database" -> {
                return new Rewrite(CURRENT_DATABASE, i + 1);
            }
            case "concat" -> {
                // Redshift's CONCAT takes two arguments and is NULL when either is (r_CONCAT), like ||;
                // PostgreSQL's skips NULLs.
                // Other argument counts do not exist on Redshift: a name that resolves to nothing makes
                // PostgreSQL answer as Redshift does (42883, function ... does not exist).
                return args.size() != 2 ? new Rewrite("redshift_sim.concat", i + 1)
                        : new Rewrite("((" + arg(args, 0) + ") || (" + arg(args, 1) + "))", close + 1);
            }
            case "nvl2" -> {
                if (args.size() != 3) {
                    return null;
                }
                return new Rewrite("(CASE WHEN (" + arg(args, 0) + ") IS NOT NULL THEN " + arg(args, 1) + " ELSE " + arg(args, 2) + " END)",
                        close + 1);
            }
            case "decode" -> {
                return args.size() < 3 ? null : new Rewrite(decode(args), close + 1);
            }
            case "convert" -> {
                return args.size() != 2 ? null
                        : new Rewrite("CAST(" + arg(args, 1) + " AS " + arg(args, 0).trim() + ")", close + 1);
            }
            case "varchar", "nvarchar", "varying" -> {
                int only = args.size() == 1 ? onlySignificant(args.get(0)) : -1;
                if (only < 0 || !t.get(only).isWord("max")) {
                    return null;
                }
                // VARCHAR(MAX) is Redshift's longest VARCHAR, 65,535 bytes.
                return new Rewrite(t.get(i).text() + "(65535)", close + 1);
            }
            case "listagg" -> {
                return listagg(open, args);
            }
            case "percentile_cont", "percentile_disc" -> {
                return windowedPercentile(name, close, args);
            }
            default -> {
                return null;
            }
        }
    }

    /** DECODE: a NULL expression matches a NULL search value, as Redshift documents. */
    private String decode(List<int[]> args) {
        StringBuilder s = new StringBuilder("(CASE");
        String expression = arg(args, 0);
        int pairs = (args.size() - 1) / 2;
        for (int p = 0; p < pairs; p++) {
            s.append(" WHEN (").append(expression).append(") IS NOT DISTINCT FROM (").append(arg(args, 1 + 2 * p))
                    .append(") THEN ").append(arg(args, 2 + 2 * p));
        }
        if ((args.size() - 1) % 2 == 1) {
            s.append(" ELSE ").append(arg(args, args.size() - 1));
        }
        return s.append(" END)").toString();
    }

    /**
     * LISTAGG(expr [, delimiter]) [WITHIN GROUP (ORDER BY ...)] [OVER (PARTITION BY ...)]:
     * string_agg; as a window function the group's order moves into the window, over the whole
     * partition.
     */
    private Rewrite listagg(int open, List<int[]> args) {
        int close = partner[open];
        int end = close + 1;
        int[] first = args.get(0);
        int firstWord = next(first[0], first[1]);
        boolean distinct = firstWord > 0 && t.get(firstWord).isWord("distinct");
        String value = distinct ? render(firstWord + 1, first[1]) : arg(args, 0);
        String delimiter = args.size() > 1 ? arg(args, 1) : "''";
        String order = null;
        int within = next(end, t.size());
        int group = within > 0 && t.get(within).isWord("within") ? next(within + 1, t.size()) : -1;
        int groupOpen = group > 0 && t.get(group).isWord("group") ? next(group + 1, t.size()) : -1;
        if (groupOpen > 0 && t.get(groupOpen).is("(") && partner[groupOpen] > 0) {
            order = orderByBody(groupOpen);
            end = partner[groupOpen] + 1;
        }
        int over = next(end, t.size());
        int overOpen = over > 0 && t.get(over).isWord("over") ? next(over + 1, t.size()) : -1;
        String cast = "(" + value + ")::text";
        if (overOpen > 0 && t.get(overOpen).is("(") && partner[overOpen] > 0) {
            String window = render(overOpen + 1, partner[overOpen]);
            String frame = order == null ? "" : " ORDER BY " + order + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING";
            return new Rewrite("string_agg(" + (distinct ? "DISTINCT " : "") + cast + ", " + delimiter + ") OVER (" + window + frame + ")",
                    partner[overOpen] + 1);
        }
        String orderBy = order == null ? "" : " ORDER BY " + (distinct ? distinctOrder(order) : order);
        return new Rewrite("string_agg(" + (distinct ? "DISTINCT " : "") + cast + ", "
                + delimiter + orderBy + ")", end);
    }

    /** With DISTINCT, PostgreSQL orders only by the aggregated (text) value: cast the key, keep its direction. */
    private static String distinctOrder(String order) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?is)(.*?)\\s+(asc|desc)\\s*").matcher(order);
        return m.matches() ? "(" + m.group(1) + ")::text " + m.group(2) : "(" + order + ")::text";
    }

    /** PERCENTILE_CONT/DISC(p) WITHIN GROUP (ORDER BY x) OVER (...): PostgreSQL cannot window an ordered-set aggregate. */
    private Rewrite windowedPercentile(String name, int close, List<int[]> args) {
        int within = next(close + 1, t.size());
        int group = within > 0 && t.get(within).isWord("within") ? next(within + 1, t.size()) : -1;
        int groupOpen = group > 0 && t.get(group).isWord("group") ? next(group + 1, t.size()) : -1;
        if (args.size() != 1 || groupOpen < 0 || !t.get(groupOpen).is("(") || partner[groupOpen] < 0) {
            return null;
        }
        int over = next(partner[groupOpen] + 1, t.size());
        int overOpen = over > 0 && t.get(over).isWord("over") ? next(over + 1, t.size()) : -1;
        if (overOpen < 0 || !t.get(overOpen).is("(") || partner[overOpen] < 0) {
            return null;
        }
        String order = orderByBody(groupOpen);
        return new Rewrite("redshift_sim." + name + "_window((" + order + ")::double precision, " + arg(args, 0) + ") OVER ("
                + render(overOpen + 1, partner[overOpen]) + ")", partner[overOpen] + 1);
    }

    /** The text after ORDER BY inside the group's parentheses. */
    private String orderByBody(int open) {
        int order = next(open + 1, partner[open]);
        int by = order > 0 && t.get(order).isWord("order") ? next(order + 1, partner[open]) : -1;
        return by > 0 && t.get(by).isWord("by") ? render(by + 1, partner[open]).trim() : render(open + 1, partner[open]).trim();
    }

    private String arg(List<int[]> args, int n) {
        int[] range = args.get(n);
        return render(range[0], range[1]);
    }

    /** Argument ranges between top-level commas of {@code [from, to)}; a range's end is its comma (or {@code to}). */
    private List<int[]> arguments(int from, int to) {
        List<int[]> out = new ArrayList<>();
        int start = from;
        int i = from;
        while (i < to) {
            Token tok = t.get(i);
            if ((tok.is("(") || tok.is("[")) && partner[i] > 0) {
                i = partner[i] + 1;
                continue;
            }
            if (tok.is(",")) {
                out.add(new int[] {start, i});
                start = i + 1;
            }
            i++;
        }
        out.add(new int[] {start, to});
        return out;
    }

    /** The index of the one significant token of a range, or -1 when it has none or several. */
    private int onlySignificant(int[] range) {
        int found = -1;
        for (int i = range[0]; i < range[1]; i++) {
            if (t.get(i).significant()) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    private boolean closes(int open, int to) {
        return partner[open] > open && partner[open] < to;
    }

    private int next(int from, int to) {
        for (int i = Math.max(from, 0); i < to; i++) {
            if (t.get(i).significant()) {
                return i;
            }
        }
        return -1;
    }

    private int previous(int from) {
        for (int i = from; i >= 0; i--) {
            if (t.get(i).significant()) {
                return i;
            }
        }
        return -1;
    }

    private static int[] partners(List<Token> tokens) {
        int[] partner = new int[tokens.size()];
        java.util.Arrays.fill(partner, -1);
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token tok = tokens.get(i);
            if (tok.is("(") || tok.is("[")) {
                open.push(i);
            } else if ((tok.is(")") || tok.is("]")) && !open.isEmpty()) {
                int o = open.pop();
                partner[o] = i;
                partner[i] = o;
            }
        }
        return partner;
    }
}
