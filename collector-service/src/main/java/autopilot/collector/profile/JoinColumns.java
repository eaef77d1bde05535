package autopilot.collector.profile;

import autopilot.sql.QueryShape;
import autopilot.sql.QueryShapes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The equality joins in one cluster's collected workload, between two table-health collections.
 * The workload source hands each query's text here as it streams by; the next profile resolves the
 * joins against the catalog and takes them (the resolved columns are then kept in the collector's
 * state, so the set survives restarts).
 *
 * <p>Bounded: query texts that differ only in literals are parsed once (a cache of shapes by
 * literal-free text), texts without {@code =} are not parsed at all, and at most {@link #MAX_PENDING}
 * distinct shapes wait for the next profile; beyond that new shapes are dropped (counted).
 */
final class JoinColumns {

    static final int MAX_PENDING = 5_000;
    private static final int MAX_CACHED = 5_000;
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+(?:\\.\\d+)?\\b");
    private static final Optional<QueryShape> NO_JOINS = Optional.empty();

    /** Shapes by literal-free text; a text whose shape has no join maps to empty. */
    private final Map<String, Optional<QueryShape>> shapes = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<QueryShape>> eldest) {
            return size() > MAX_CACHED;
        }
    };
    /** Pending joins: database, then shape, then how many queries had it. */
    private final Map<String, Map<QueryShape, Long>> pending = new HashMap<>();
    private int pendingShapes;
    private long dropped;
    private long parsed;

    /** One collected query: its database and text (STL_QUERY.querytxt / SYS_QUERY_HISTORY.query_text). */
    synchronized void observe(String database, String text) {
        if (database == null || text == null || text.indexOf('=') < 0) {
            return;
        }
        String key = NUMBER.matcher(STRING_LITERAL.matcher(text).replaceAll("''")).replaceAll("0");
        Optional<QueryShape> shape = shapes.get(key);
        if (shape == null) {
            parsed++;
            shape = QueryShapes.parse(text).filter(s -> !s.joins().isEmpty()).or(() -> NO_JOINS);
            shapes.put(key, shape);
        }
        if (shape.isEmpty()) {
            return;
        }
        Map<QueryShape, Long> ofDatabase = pending.computeIfAbsent(database, d -> new HashMap<>());
        Long count = ofDatabase.get(shape.get());
        if (count == null && pendingShapes >= MAX_PENDING) {
            dropped++;
            return;
        }
        if (count == null) {
            pendingShapes++;
        }
        ofDatabase.put(shape.get(), count == null ? 1 : count + 1);
    }

    /** Takes the joins seen in a database since the last call (those of other databases wait for theirs). */
    synchronized Map<QueryShape, Long> take(String database) {
        Map<QueryShape, Long> taken = pending.remove(database);
        if (taken == null) {
            return Map.of();
        }
        pendingShapes -= taken.size();
        return taken;
    }

    /** Texts parsed so far and shapes dropped for lack of room (for metrics). */
    synchronized List<Long> counters() {
        return List.of(parsed, dropped);
    }
}
