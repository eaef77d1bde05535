package autopilot.collector.profile;

import autopilot.sql.QueryShape;
import autopilot.sql.QueryShapes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
 * <p>Bounded, because parsing is the costly part (about half a millisecond a text) and a busy
 * cluster logs tens of thousands of distinct texts a day: texts without {@code =} are never parsed;
 * texts that differ only in literals count as one; while the workload streams by, texts are only
 * counted (at most {@link #MAX_CANDIDATES} distinct ones wait); when the profile takes the joins (or
 * ahead of it, {@link #parseWaiting}, while the collection reads its other sources),
 * the {@link #MAX_PARSES_PER_TAKE} most frequent texts not parsed before are parsed (their shapes
 * are cached), the rest are forgotten (counted): a join that matters recurs and is parsed on a
 * later round.
 *
 * <p>Texts are keyed by a 128-bit digest of their literal-free form, not by the form itself: a
 * cluster's cache and waiting texts then hold each text once (the one to parse), not twice, and the
 * cache none at all (the capacity benchmark measured up to 19 MB per busy cluster before).
 */
final class JoinColumns {

    static final int MAX_CANDIDATES = 5_000;
    static final int MAX_PARSES_PER_TAKE = 500;
    private static final int MAX_CACHED = 5_000;
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+(?:\\.\\d+)?\\b");
    private static final Optional<QueryShape> NO_JOINS = Optional.empty();

    /** The identity of a literal-free text: the first 128 bits of its SHA-256. */
    private record Key(long high, long low) {
    }

    private final MessageDigest sha256;

    JoinColumns() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private Key key(String literalFree) {
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest(literalFree.getBytes(StandardCharsets.UTF_8)));
        return new Key(digest.getLong(), digest.getLong());
    }

    /** Shapes by literal-free text; a text whose shape has no join maps to empty. */
    private final Map<Key, Optional<QueryShape>> shapes = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Optional<QueryShape>> eldest) {
            return size() > MAX_CACHED;
        }
    };

    /** A literal-free text seen since the last take: one of its texts and how many queries had it. */
    private static final class Candidate {
        final String text;
        long queries;

        Candidate(String text) {
            this.text = text;
        }
    }

    /** Per database: shapes already known with their query counts, and texts waiting to be parsed. */
    private final Map<String, Map<QueryShape, Long>> pending = new HashMap<>();
    private final Map<String, Map<Key, Candidate>> candidates = new HashMap<>();
    private int candidateCount;
    private long dropped;
    private long parsed;

    /** One collected query: its database and text (STL_QUERY.querytxt / SYS_QUERY_HISTORY.query_text). */
    synchronized void observe(String database, String text) {
        if (database == null || text == null || text.indexOf('=') < 0) {
            return;
        }
        Key key = key(NUMBER.matcher(STRING_LITERAL.matcher(text).replaceAll("''")).replaceAll("0"));
        Optional<QueryShape> shape = shapes.get(key);
        if (shape != null) {
            shape.ifPresent(s -> pending.computeIfAbsent(database, d -> new HashMap<>()).merge(s, 1L, Long::sum));
            return;
        }
        Map<Key, Candidate> ofDatabase = candidates.computeIfAbsent(database, d -> new HashMap<>());
        Candidate c = ofDatabase.get(key);
        if (c == null) {
            if (candidateCount >= MAX_CANDIDATES) {
                dropped++;
                return;
            }
            c = new Candidate(text);
            ofDatabase.put(key, c);
            candidateCount++;
        }
        c.queries++;
    }

    /**
     * Parses a database's waiting texts now, the most frequent first, up to {@link #MAX_PARSES_PER_TAKE}
     * (the rest are forgotten), so the next {@link #take} finds their joins ready. A collection calls it
     * ahead, while it still reads the table-health sources.
     */
    synchronized void parseWaiting(String database) {
        Map<Key, Candidate> waiting = candidates.remove(database);
        if (waiting == null) {
            return;
        }
        candidateCount -= waiting.size();
        List<Map.Entry<Key, Candidate>> byQueries = new ArrayList<>(waiting.entrySet());
        byQueries.sort((a, b) -> Long.compare(b.getValue().queries, a.getValue().queries));
        for (int i = 0; i < byQueries.size(); i++) {
            if (i >= MAX_PARSES_PER_TAKE) {
                dropped += byQueries.size() - i;
                break;
            }
            Map.Entry<Key, Candidate> e = byQueries.get(i);
            parsed++;
            Optional<QueryShape> shape = QueryShapes.parse(e.getValue().text).filter(s -> !s.joins().isEmpty()).or(() -> NO_JOINS);
            shapes.put(e.getKey(), shape);
            if (shape.isPresent()) {
                pending.computeIfAbsent(database, d -> new HashMap<>()).merge(shape.get(), e.getValue().queries, Long::sum);
            }
        }
    }

    /**
     * Takes the joins seen in a database since the last call (those of other databases wait for
     * theirs), first parsing the most frequent texts not parsed before.
     */
    synchronized Map<QueryShape, Long> take(String database) {
        parseWaiting(database);
        Map<QueryShape, Long> taken = pending.remove(database);
        return taken == null ? new HashMap<>() : taken;
    }

    /** Texts parsed so far and texts forgotten unparsed for lack of room or budget (for metrics). */
    synchronized List<Long> counters() {
        return List.of(parsed, dropped);
    }
}
