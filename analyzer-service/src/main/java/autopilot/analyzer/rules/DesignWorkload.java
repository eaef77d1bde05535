package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The workload window as table design sees it: the pattern shapes resolved against the catalog into joins between
 * table columns (how often, how many rows they move), filters per table column, and writes per table. Names in
 * query text are resolved as Redshift's default search path would: a schema-qualified name exactly, an unqualified
 * one to the only table of that name, or to the one in {@code public}.
 */
final class DesignWorkload {

    /** Alerts the optimizer logs when a join moves more than 1,000,000 rows. */
    static final Set<String> MOVEMENT_ALERTS = Set.of("Large distribution", "Large broadcast");
    /** What the optimizer calls a large distribution or broadcast: the least a movement alert stands for. */
    static final double ALERT_ROWS = 1_000_000;

    /** A column of a known table. */
    record Col(TableState table, String column) {
        @Override
        public String toString() {
            return table.qualifiedName() + "." + column;
        }
    }

    /** An equality join between two tables' columns over the window. */
    static final class Join {
        final Col a;
        final Col b;
        double queries;
        /** Rows moved between slices for this join (measured or estimated, see {@link #of}). */
        double movedRows;
        /** Queries that raised a large distribution / broadcast alert. */
        long alertQueries;
        /** Rows each side's scans returned, summed over the queries that reported them (the filtered side of the join). */
        final Map<Long, Double> sideRows = new HashMap<>();
        final Map<Long, Double> sideQueries = new HashMap<>();
        final Set<String> patterns = new TreeSet<>();

        Join(Col a, Col b) {
            this.a = a;
            this.b = b;
        }

        Col side(TableState t) {
            return a.table().tableId() == t.tableId() ? a : b;
        }

        Col other(TableState t) {
            return a.table().tableId() == t.tableId() ? b : a;
        }

        /** The join's name, {@code schema.table.column=schema.table.column}, lower table id first: the last tie-break of every order. */
        String key() {
            return a + "=" + b;
        }

        /** Rows per query the scans of a side returned; null when not reported. */
        Double filteredRows(TableState t) {
            Double q = sideQueries.get(t.tableId());
            return q == null || q == 0 ? null : sideRows.get(t.tableId()) / q;
        }
    }

    /** How one column is filtered over the window. */
    static final class Use {
        double queries;
        double rangeQueries;
        double relativeToNowQueries;
        final Set<String> kinds = new TreeSet<>();
    }

    /** The columns one pattern filters a table on (sortable predicates only) and how often it ran. */
    record FilterSet(Set<String> columns, double queries) {
    }

    final Map<String, Join> joins = new LinkedHashMap<>();
    final Map<Long, Map<String, Use>> filters = new HashMap<>();
    final Map<Long, List<FilterSet>> filterSets = new HashMap<>();
    final Map<Long, Double> appends = new HashMap<>();
    final Map<Long, Double> updates = new HashMap<>();
    private final double days;

    private DesignWorkload(double days) {
        this.days = days;
    }

    double perDay(double windowTotal) {
        return windowTotal / days;
    }

    static DesignWorkload of(ClusterView view) {
        DesignWorkload d = new DesignWorkload(view.windowDays());
        if (view.workload() == null) return d;
        Catalog catalog = new Catalog(view.tables());
        // In hash order, not the window's: that is the order hours were merged in (stored ones first), which depends on
        // what earlier snapshots stored, and it would decide the order of joins and the rounding of their sums.
        List<Workload.Pattern> patterns = new ArrayList<>(view.workload().patterns.values());
        patterns.sort(Comparator.comparing(p -> p.hash, Comparator.nullsFirst(Comparator.naturalOrder())));
        for (Workload.Pattern p : patterns) {
            if (p.joins != null) d.joins(p, catalog);
            if (p.filters != null) d.filters(p, catalog);
            if (p.writes != null) d.writes(p, catalog);
        }
        return d;
    }

    /**
     * Joins of one pattern. Rows moved: the pattern's measured redistribution and broadcast rows; without them, at
     * least 1,000,000 per query that raised a movement alert; shared among its joins that are not collocated in
     * proportion to the smaller filtered side of each (what the planner moves at least: it broadcasts or
     * redistributes the smaller input).
     */
    private void joins(Workload.Pattern p, Catalog catalog) {
        List<Join> local = new ArrayList<>();
        for (String text : p.joins) {
            int eq = text.indexOf('=');
            Col a = catalog.column(text.substring(0, eq));
            Col b = catalog.column(text.substring(eq + 1));
            if (a == null || b == null || a.table().tableId() == b.table().tableId()) continue;
            if (a.table().tableId() > b.table().tableId()) {
                Col x = a;
                a = b;
                b = x;
            }
            Col left = a;
            Col right = b;
            Join join = joins.computeIfAbsent(a + "=" + b, k -> new Join(left, right));
            join.queries += p.queries;
            join.patterns.add(p.hash);
            for (TableState t : List.of(a.table(), b.table())) {
                Double rows = p.scanRows == null ? null : p.scanRows.get(t.tableId());
                if (rows != null) {
                    join.sideRows.merge(t.tableId(), rows, Double::sum);
                    join.sideQueries.merge(t.tableId(), (double) p.queries, Double::sum);
                }
            }
            long alerted = MOVEMENT_ALERTS.stream().mapToLong(name -> p.alerts.getOrDefault(name, 0L)).max().orElse(0);
            join.alertQueries += alerted;
            if (!collocated(a, b)) local.add(join);
        }
        if (local.isEmpty()) return;
        long alerted = MOVEMENT_ALERTS.stream().mapToLong(name -> p.alerts.getOrDefault(name, 0L)).max().orElse(0);
        double measured = p.distRows + p.bcastRows;
        double moved = measured > 0 ? measured : alerted * ALERT_ROWS;
        double[] weight = new double[local.size()];
        double total = 0;
        for (int i = 0; i < local.size(); i++) {
            Join j = local.get(i);
            Double ra = p.scanRows == null ? null : p.scanRows.get(j.a.table().tableId());
            Double rb = p.scanRows == null ? null : p.scanRows.get(j.b.table().tableId());
            weight[i] = ra == null || rb == null ? 1 : Math.max(1, Math.min(ra, rb));
            total += weight[i];
        }
        for (int i = 0; i < local.size(); i++) {
            Join j = local.get(i);
            // No measurement or alert: the smaller filtered side is the least the planner moves.
            j.movedRows += moved > 0 ? moved * weight[i] / total : (weight[i] > 1 ? weight[i] : 0);
        }
    }

    private void filters(Workload.Pattern p, Catalog catalog) {
        Map<Long, Set<String>> sets = new HashMap<>();
        for (String text : p.filters) {
            String[] parts = text.split(":");
            int kindAt = parts.length >= 3 && parts[parts.length - 1].equals("now") ? parts.length - 2 : parts.length - 1;
            String kind = parts[kindAt];
            boolean now = kindAt == parts.length - 2;
            String column = text.substring(0, text.length() - kind.length() - 1 - (now ? 4 : 0));
            Col c = catalog.column(column);
            if (c == null) continue;
            Use use = filters.computeIfAbsent(c.table().tableId(), k -> new HashMap<>()).computeIfAbsent(c.column(), k -> new Use());
            use.queries += p.queries;
            use.kinds.add(kind);
            if (kind.equals("RANGE")) use.rangeQueries += p.queries;
            if (now) use.relativeToNowQueries += p.queries;
            if (kind.equals("EQUALITY") || kind.equals("RANGE") || kind.equals("IN_LIST")) {
                sets.computeIfAbsent(c.table().tableId(), k -> new TreeSet<>()).add(c.column());
            }
        }
        sets.forEach((table, columns) -> filterSets.computeIfAbsent(table, k -> new ArrayList<>()).add(new FilterSet(columns, p.queries)));
    }

    private void writes(Workload.Pattern p, Catalog catalog) {
        int space = p.writes.indexOf(' ');
        TableState t = catalog.table(p.writes.substring(space + 1));
        if (t == null) return;
        String verb = p.writes.substring(0, space);
        (verb.equals("INSERT") || verb.equals("COPY") ? appends : updates).merge(t.tableId(), (double) p.queries, Double::sum);
    }

    /** Whether a join between these columns runs without moving rows under the tables' current distribution. */
    static boolean collocated(Col a, Col b) {
        return all(a.table()) || all(b.table()) || (a.column().equals(distkey(a.table())) && b.column().equals(distkey(b.table())));
    }

    static boolean all(TableState t) {
        return t.diststyle() != null && t.diststyle().toUpperCase(Locale.ROOT).contains("ALL");
    }

    /** The distribution key column (lower case), or null. */
    static String distkey(TableState t) {
        TableState.Column key = t.distkeyColumn();
        if (key != null) return key.name().toLowerCase(Locale.ROOT);
        String style = t.diststyle() == null ? "" : t.diststyle();
        int open = style.toUpperCase(Locale.ROOT).indexOf("KEY(");
        if (open < 0) return null;
        int close = style.indexOf(')', open);
        return close < 0 ? null : style.substring(open + 4, close).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Table and column names of query text resolved against the tables the snapshot knows. The query
     * patterns do not say which database a query ran in, so a name that more than one database has
     * (dev.public.orders and analytics.public.orders) resolves to no table rather than to either.
     */
    static final class Catalog {
        private final Map<String, List<TableState>> byName = new HashMap<>();
        private final Map<String, List<TableState>> byQualified = new HashMap<>();

        Catalog(List<TableState> tables) {
            for (TableState t : tables) {
                byName.computeIfAbsent(t.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(t);
                byQualified.computeIfAbsent((t.schema() + "." + t.name()).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(t);
            }
        }

        /** {@code schema.table} or {@code table}. */
        TableState table(String ref) {
            List<TableState> exact = byQualified.get(ref);
            if (exact != null) return exact.size() == 1 ? exact.get(0) : null;
            if (ref.indexOf('.') >= 0) return null;
            List<TableState> named = byName.getOrDefault(ref, List.of());
            if (named.size() == 1) return named.get(0);
            List<TableState> inPublic = named.stream().filter(t -> t.schema().equalsIgnoreCase("public")).toList();
            return inPublic.size() == 1 ? inPublic.get(0) : null;
        }

        /** A column in {@code PatternShapes} form, when it resolves to exactly one known table that has it. */
        Col column(String ref) {
            int dot = ref.lastIndexOf('.');
            if (dot < 0) return null;
            String column = ref.substring(dot + 1);
            String owner = ref.substring(0, dot);
            List<String> candidates = owner.startsWith("{") ? List.of(owner.substring(1, owner.length() - 1).split(","))
                    : List.of(owner);
            Col found = null;
            for (String candidate : candidates) {
                TableState t = table(candidate);
                if (t == null || !has(t, column)) continue;
                if (found != null) return null; // several tables in scope have it
                found = new Col(t, column);
            }
            return found;
        }

        static boolean has(TableState t, String column) {
            return t.columns().stream().anyMatch(c -> c.name().equalsIgnoreCase(column));
        }
    }
}
