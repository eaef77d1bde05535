package autopilot.analyzer.model;

import autopilot.sql.QueryShape;
import autopilot.sql.QueryShapes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the shape of query patterns (which tables they join on which columns, which columns they filter and how,
 * which table they write) from the full text of a pattern's first query, with sql-insight, and keeps it on the
 * pattern in a compact text form that adds up across hours:
 * <ul>
 *   <li>a column: {@code [schema.]table.column}, or {@code {t1,t2}.column} while the text leaves open which table
 *       in scope owns it (resolved later against the catalog);</li>
 *   <li>a join: {@code column=column} (sides in text order, smaller first);</li>
 *   <li>a filter: {@code column:KIND} with {@code :now} when compared with the current time;</li>
 *   <li>a write: {@code INSERT|COPY|UPDATE|DELETE [schema.]table}.</li>
 * </ul>
 * Parsing costs about 0.2 to 1 ms a statement, and a large cluster has tens of thousands of distinct patterns a day
 * (the analysis benchmark: 50,000), so only the {@link #MAX_PER_SNAPSHOT} costliest patterns of a snapshot (by
 * execution time) are read: table design follows the queries that cost the most, and those keep their shapes in
 * the stored hours. A bounded cache by pattern hash means a pattern is parsed once per process however many
 * snapshots carry it; the cache only saves time, the result is the same with or without it.
 */
public final class PatternShapes {

    /** Patterns read per snapshot, costliest first. */
    static final int MAX_PER_SNAPSHOT = 256;
    /** Parsed patterns kept per process (least recently used out first). */
    private static final int CACHE_SIZE = 10_000;
    /** A pattern with more joins or filters than this is cut: design advice needs the common ones. */
    private static final int MAX_ITEMS = 32;
    private static final Shape UNREADABLE = new Shape(List.of(), List.of(), null);
    private static final Map<String, Shape> CACHE = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Shape> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private PatternShapes() {
    }

    /** The compact shape of one pattern. */
    record Shape(List<String> joins, List<String> filters, String writes) {
    }

    /**
     * Gives the costliest patterns of these hours (all of one snapshot) their shape from the text their first query
     * left on them, then drops the texts and the per-table scan rows of patterns that join nothing.
     */
    static void annotate(Collection<Workload> hours) {
        Map<String, List<Workload.Pattern>> byHash = new HashMap<>();
        Map<String, Double> cost = new HashMap<>();
        Map<String, String> text = new HashMap<>();
        for (Workload hour : hours) {
            for (Workload.Pattern p : hour.patterns.values()) {
                if (p.text == null) continue;
                byHash.computeIfAbsent(p.hash, h -> new ArrayList<>()).add(p);
                cost.merge(p.hash, p.execMsTotal, Double::sum);
                text.putIfAbsent(p.hash, p.text);
            }
        }
        List<String> ranked = new ArrayList<>(byHash.keySet());
        ranked.sort(Comparator.<String>comparingDouble(cost::get).reversed().thenComparing(Comparator.naturalOrder()));
        for (String hash : ranked.subList(0, Math.min(MAX_PER_SNAPSHOT, ranked.size()))) {
            Shape shape = shape(hash, text.get(hash));
            for (Workload.Pattern p : byHash.get(hash)) apply(p, shape);
        }
        for (List<Workload.Pattern> patterns : byHash.values()) {
            for (Workload.Pattern p : patterns) {
                p.text = null;
                if (p.joins == null) p.scanRows = null;
            }
        }
    }

    private static Shape shape(String hash, String text) {
        synchronized (CACHE) {
            Shape cached = CACHE.get(hash);
            if (cached != null) return cached;
        }
        Shape shape = QueryShapes.parse(text).map(PatternShapes::encode).orElse(UNREADABLE);
        synchronized (CACHE) {
            CACHE.put(hash, shape);
        }
        return shape;
    }

    static Shape encode(QueryShape s) {
        List<String> joins = new ArrayList<>();
        for (QueryShape.Join j : s.joins()) {
            String a = column(j.left());
            String b = column(j.right());
            String join = a.compareTo(b) <= 0 ? a + "=" + b : b + "=" + a;
            if (!joins.contains(join) && joins.size() < MAX_ITEMS) joins.add(join);
        }
        List<String> filters = new ArrayList<>();
        for (QueryShape.Filter f : s.filters()) {
            String filter = column(f.column()) + ":" + f.kind() + (f.relativeToNow() ? ":now" : "");
            if (!filters.contains(filter) && filters.size() < MAX_ITEMS) filters.add(filter);
        }
        String writes = s.target() == null ? null : s.target().write() + " " + s.target().table();
        return new Shape(List.copyOf(joins), List.copyOf(filters), writes);
    }

    private static String column(QueryShape.ColumnRef c) {
        if (c.resolved()) return c.table() + "." + c.column();
        return "{" + String.join(",", c.candidates().stream().map(Object::toString).toList()) + "}." + c.column();
    }

    private static void apply(Workload.Pattern p, Shape shape) {
        if (!shape.joins().isEmpty()) {
            if (p.joins == null) p.joins = new TreeSet<>();
            p.joins.addAll(shape.joins());
        }
        if (!shape.filters().isEmpty()) {
            if (p.filters == null) p.filters = new TreeSet<>();
            p.filters.addAll(shape.filters());
        }
        if (shape.writes() != null) p.writes = shape.writes();
    }
}
