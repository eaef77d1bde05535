package autopilot.analyzer.snapshot;

import autopilot.events.SnapshotPartCollected;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the stored JSON of snapshot parts for their analysis, with Jackson's streaming parser:
 * each row straight into an array of its values, of a workload source only the columns the
 * analysis reads ({@link SnapshotData#read}; the others are left null), and a text that recurs
 * (query texts, table and queue names) kept as one string for the whole snapshot. One reader per
 * snapshot.
 *
 * <p>Why not {@code EventCodec.decode}: the parts were decoded and checked against their schema
 * when they arrived ({@code MessageIntake}). Decoding them again built a tree of every part,
 * checked every row against the schema once more and copied it into the record's lists; and the
 * analysis held all those values (144 MB for the benchmark's snapshot, 69 MB as read here) while
 * it built its workload hours, so that much of its garbage collection was copying them. Values
 * are those {@code EventCodec} gives: JSON numbers as Integer, Long or BigInteger and Double,
 * texts, booleans, null, anything nested as Jackson's untyped lists and maps.
 */
public final class PartReader {

    /** Texts of a column of a part looked up before one whose texts hardly recur (timestamps) is no longer interned. */
    private static final int TRIAL = 64;

    private final ObjectMapper mapper;
    private final Set<String> passing;
    private final Map<String, String> texts = new HashMap<>();

    /** @param mapper the event codec's mapper: a part's header binds as it does on intake */
    public PartReader(ObjectMapper mapper) {
        this(mapper, Set.of());
    }

    /**
     * @param passing sources whose rows do not outlive their part (aggregated as they are read):
     *                their texts are not interned, since no copy of them is kept to be saved
     */
    public PartReader(ObjectMapper mapper, Set<String> passing) {
        this.mapper = mapper;
        this.passing = passing;
    }

    /**
     * One part from the JSON of its event.
     *
     * @throws IllegalArgumentException when the JSON is not a snapshot part event
     */
    public SnapshotPartCollected read(String eventJson) {
        try (JsonParser p = mapper.createParser(eventJson)) {
            // Jackson's own fast, exact decimal reader (the same doubles as Double.parseDouble) for the snapshot's many decimals.
            p.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
            expect(p.nextToken(), JsonToken.START_OBJECT, "an event object");
            SnapshotPartCollected part = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("eventType") && !"SnapshotPartCollected".equals(p.getValueAsString())) {
                    throw new IllegalArgumentException("expected a SnapshotPartCollected event, found " + p.getValueAsString());
                } else if (field.equals("payload")) {
                    expect(value, JsonToken.START_OBJECT, "the payload object");
                    part = payload(p);
                } else {
                    p.skipChildren();
                }
            }
            if (part == null) throw new IllegalArgumentException("the event has no payload");
            return part;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a stored snapshot part", e);
        }
    }

    private SnapshotPartCollected payload(JsonParser p) throws IOException {
        ObjectNode header = mapper.createObjectNode();
        List<List<Object>> rows = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("rows")) {
                expect(value, JsonToken.START_ARRAY, "rows as an array");
                rows = rows(p, kept(header), !passing.contains(header.path("source").asText()));
            } else {
                header.set(field, mapper.readTree(p));
            }
        }
        if (rows == null) throw new IllegalArgumentException("the snapshot part has no rows");
        header.putArray("rows");
        SnapshotPartCollected h = mapper.treeToValue(header, SnapshotPartCollected.class);
        if (h.snapshotId() == null || h.source() == null || h.columns() == null || h.collectedAt() == null) {
            throw new IllegalArgumentException("the snapshot part lacks its snapshotId, source, columns or collectedAt");
        }
        return new SnapshotPartCollected(h.snapshotId(), h.source(), h.clusterKind(), h.partNumber(), h.partCount(),
                h.watermarkFrom(), h.watermarkTo(), h.collectedAt(), h.columns(), rows, h.snapshotSources());
    }

    /**
     * Which positions of each row the analysis reads; all when the part's source and columns do not
     * come before its rows (the collector writes them first).
     */
    private static boolean[] kept(ObjectNode header) {
        JsonNode source = header.get("source");
        JsonNode columns = header.get("columns");
        if (source == null || !source.isTextual() || columns == null || !columns.isArray()) return null;
        boolean[] kept = new boolean[columns.size()];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = SnapshotData.read(source.asText(), columns.get(i).asText());
        }
        return kept;
    }

    /** The rows; a value of a column not {@code kept} is left null. */
    private List<List<Object>> rows(JsonParser p, boolean[] kept, boolean intern) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        Object[] values = new Object[16];
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.START_ARRAY) {
            int n = 0;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (n == values.length) values = Arrays.copyOf(values, n * 2);
                if (n == columns.size()) columns.add(intern ? new Column() : null);
                if (kept == null || (n < kept.length && kept[n])) {
                    values[n] = value(p, token, columns.get(n));
                } else {
                    values[n] = null;
                    p.skipChildren();
                }
                n++;
            }
            rows.add(Arrays.asList(Arrays.copyOf(values, n)));
        }
        expect(token, JsonToken.END_ARRAY, "each row as an array");
        return rows;
    }

    /** A value; a text interned through its {@code column}, unless that is null. */
    private static Object value(JsonParser p, JsonToken token, Column column) throws IOException {
        return switch (token) {
            case VALUE_STRING -> column == null ? p.getText() : column.text(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> p.readValueAs(Object.class);
        };
    }

    /** Whether a column's texts recur, found out on its first texts in each part. */
    private final class Column {
        private int lookups;
        private int found;

        String text(String s) {
            if (lookups >= TRIAL && found < TRIAL / 4) return s;
            lookups++;
            String known = texts.putIfAbsent(s, s);
            if (known == null) return s;
            found++;
            return known;
        }
    }

    private static void expect(JsonToken found, JsonToken expected, String what) {
        if (found != expected) throw new IllegalArgumentException("expected " + what + " in the snapshot part, found " + found);
    }
}
