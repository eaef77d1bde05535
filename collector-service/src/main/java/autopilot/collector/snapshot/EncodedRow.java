package autopilot.collector.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.AbstractList;

/**
 * A row already encoded as a JSON array, kept as text until the part is written, so a large
 * source is held as compact JSON rather than as Java objects per value. It is a List only to fit
 * the row type of {@link autopilot.events.SnapshotPartCollected}; Jackson writes its text as is.
 */
@JsonSerialize(using = EncodedRow.Writer.class)
final class EncodedRow extends AbstractList<Object> {

    private final String json;

    EncodedRow(String json) {
        this.json = json;
    }

    @Override
    public Object get(int index) {
        throw new UnsupportedOperationException("an encoded row is written, not read");
    }

    @Override
    public int size() {
        return 1;
    }

    /** Writes the encoded text. */
    static final class Writer extends JsonSerializer<EncodedRow> {
        @Override
        public void serialize(EncodedRow row, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeRawValue(row.json);
        }
    }
}
