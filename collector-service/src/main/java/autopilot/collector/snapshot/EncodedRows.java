package autopilot.collector.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;

/**
 * The rows of one part, already encoded: the UTF-8 JSON of each row, comma-separated, kept as one
 * byte array until the part is written, so a large source is held as compact JSON rather than as
 * Java objects per value or per row. It is a List only to fit the row type of
 * {@link autopilot.events.SnapshotPartCollected}; Jackson writes it as the JSON array of those rows.
 */
@JsonSerialize(using = EncodedRows.Writer.class)
final class EncodedRows extends AbstractList<List<Object>> {

    private final byte[] json;
    private final int rows;

    /** @param json the rows' JSON texts separated by commas, without brackets */
    EncodedRows(byte[] json, int rows) {
        this.json = json;
        this.rows = rows;
    }

    @Override
    public List<Object> get(int index) {
        throw new UnsupportedOperationException("encoded rows are written, not read");
    }

    @Override
    public int size() {
        return rows;
    }

    /** Bytes of the rows' JSON (brackets excluded). */
    int bytes() {
        return json.length;
    }

    /** Writes the array of the encoded rows as is. */
    static final class Writer extends JsonSerializer<EncodedRows> {
        @Override
        public void serialize(EncodedRows rows, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeStartArray();
            generator.writeRaw(new String(rows.json, StandardCharsets.UTF_8));
            generator.writeEndArray();
        }
    }
}
