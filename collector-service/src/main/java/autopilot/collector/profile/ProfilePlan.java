package autopilot.collector.profile;

import autopilot.sql.QueryShape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what to profile: pure, so the choice is tested without a cluster. A table is a candidate
 * when it has at least {@code minRows} rows and a column worth profiling: its distribution key and
 * the columns the workload joins it on (counts, distinct values, most common value), and CHAR/VARCHAR
 * columns declared {@value #WIDE_TEXT} bytes or wider (longest value only, unless also a key).
 * It is due when its last profile is older than the interval, or when a key column has never been
 * profiled (a join first seen today need not wait a day). Most-joined tables come first, then the
 * largest.
 */
final class ProfilePlan {

    /** CHAR/VARCHAR columns declared at least this wide are checked for oversize. */
    static final int WIDE_TEXT = 256;

    private ProfilePlan() {
    }

    /** A column of a table by name, as the catalog spells them. */
    record TableColumn(String schema, String table, String column) {
    }

    /**
     * A table to profile.
     *
     * @param keyColumns    distribution key and join columns: counts, distinct, most common value
     * @param lengthColumns wide text columns that are not key columns: longest value only
     * @param joins         how many collected queries joined on its columns
     */
    record Target(CatalogTable table, List<String> keyColumns, List<String> lengthColumns, long joins) {
    }

    /**
     * The join columns of the shapes, resolved against the catalog: a reference names a catalog
     * table by name (and schema when the query gives one; an unqualified name that several schemas
     * have counts for {@code public} only, the default search path), an unqualified column the
     * one candidate table that has it. Columns the catalog does not have are dropped.
     */
    static Map<TableColumn, Long> resolve(Map<QueryShape, Long> shapes, List<CatalogTable> catalog) {
        Map<TableColumn, Long> hits = new HashMap<>();
        shapes.forEach((shape, count) -> {
            QueryShape resolved = shape.resolve(ref -> table(ref, catalog)
                    .map(t -> t.columns().stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet()))
                    .orElse(Set.of()));
            Set<TableColumn> columns = new LinkedHashSet<>();
            for (QueryShape.Join join : resolved.joins()) {
                for (QueryShape.ColumnRef side : List.of(join.left(), join.right())) {
                    if (side.resolved()) {
                        table(side.table(), catalog).flatMap(t -> t.column(side.column()).map(c -> new TableColumn(t.schema(), t.table(), c.name())))
                                .ifPresent(columns::add);
                    }
                }
            }
            columns.forEach(c -> hits.merge(c, count, Long::sum));
        });
        return hits;
    }

    private static Optional<CatalogTable> table(QueryShape.TableRef ref, List<CatalogTable> catalog) {
        List<CatalogTable> named = catalog.stream().filter(t -> t.named(ref.schema(), ref.name())).toList();
        if (named.size() == 1) {
            return Optional.of(named.get(0));
        }
        return named.stream().filter(t -> t.schema().equals("public")).findFirst();
    }

    /**
     * The tables due for a profile, in the order to profile them.
     *
     * @param joins        join counts per column (from the collector's state: every collected workload)
     * @param lastProfiled when each table (schema.table) was last profiled or tried
     * @param profiled     the columns each table (schema.table) has a stored profile of
     */
    static List<Target> due(List<CatalogTable> catalog, Map<TableColumn, Long> joins, Map<String, Instant> lastProfiled,
                            Map<String, Set<String>> profiled, ProfileSettings settings, Instant now) {
        List<Target> targets = new ArrayList<>();
        for (CatalogTable t : catalog) {
            if (t.rows() < settings.minRows()) {
                continue;
            }
            List<String> keys = new ArrayList<>();
            List<String> lengths = new ArrayList<>();
            long joinCount = 0;
            for (CatalogTable.Column c : t.columns()) {
                Long joined = joins.get(new TableColumn(t.schema(), t.table(), c.name()));
                joinCount += joined == null ? 0 : joined;
                if (c.distkey() || joined != null) {
                    keys.add(c.name());
                } else if (c.declaredLength().filter(n -> n >= WIDE_TEXT).isPresent()) {
                    lengths.add(c.name());
                }
            }
            if (keys.isEmpty() && lengths.isEmpty()) {
                continue;
            }
            String key = key(t.schema(), t.table());
            Instant last = lastProfiled.get(key);
            Set<String> have = profiled.getOrDefault(key, Set.of());
            boolean stale = last == null || !last.plus(settings.interval()).isAfter(now);
            boolean newKey = !have.isEmpty() && keys.stream().anyMatch(k -> !have.contains(k));
            if (stale || newKey) {
                targets.add(new Target(t, keys, lengths, joinCount));
            }
        }
        targets.sort(Comparator.comparingLong(Target::joins).reversed().thenComparing(Comparator.comparingLong(
                (Target x) -> x.table().rows()).reversed()));
        return targets;
    }

    static String key(String schema, String table) {
        return schema + "." + table;
    }
}
