package autopilot.collector.snapshot;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a source's rows into parts whose encoded messages stay under the size limit. Rows are
 * encoded once, as they arrive, by one Jackson generator straight to UTF-8 (their size in the
 * message is then known without encoding again), and appended to the part's bytes: a
 * 100,000-row source costs its JSON size in memory, not Java objects per value or per row.
 */
final class PartBuilder {

    private final ObjectMapper mapper;
    private final int budget;
    private final List<EncodedRows> parts = new ArrayList<>();
    /** The row being encoded, then copied to {@link #current}. */
    private final RowBytes row = new RowBytes();
    private final JsonGenerator generator;
    /** The current part's rows, comma-separated. */
    private final byte[] current;
    private int currentBytes;
    private int currentRows;
    private long totalBytes;

    /**
     * The mapper's JSON factory, but writing a character outside the Basic Multilingual Plane (an emoji)
     * as its 4 UTF-8 bytes, as the mapper's String output does, not as an escaped surrogate pair.
     */
    static JsonFactory rowFactory(ObjectMapper mapper) {
        return mapper.getFactory().rebuild().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    }

    /**
     * @param rows            where the rows' generator comes from ({@link #rowFactory})
     * @param mapper          writes values of other types than a source passes (none today)
     * @param maxMessageBytes the limit for a whole message
     * @param overheadBytes   what the envelope and the part's other fields take, rows excluded
     */
    PartBuilder(JsonFactory rows, ObjectMapper mapper, int maxMessageBytes, int overheadBytes) {
        this.mapper = mapper;
        this.budget = maxMessageBytes - overheadBytes;
        if (budget < 1024) {
            throw new IllegalArgumentException("max message size " + maxMessageBytes + " leaves no room for rows (overhead "
                    + overheadBytes + " bytes); raise autopilot.collector.max-message-bytes");
        }
        this.current = new byte[budget];
        try {
            this.generator = rows.createGenerator(row, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        generator.setRootValueSeparator(null);
    }

    void add(List<Object> values) {
        try {
            generator.writeStartArray();
            for (Object v : values) {
                write(v);
            }
            generator.writeEndArray();
            generator.flush();
        } catch (IOException e) {
            throw new IllegalArgumentException("row cannot be written as JSON: " + e.getMessage(), e);
        }
        int size = row.size() + 1; // + the separating comma
        if (size > budget) {
            throw new IllegalStateException("one row takes " + size + " bytes, more than a whole message allows ("
                    + budget + "); raise autopilot.collector.max-message-bytes");
        }
        if (currentBytes + size > budget) {
            cut();
        }
        if (currentRows > 0) {
            current[currentBytes++] = ',';
        }
        System.arraycopy(row.buffer(), 0, current, currentBytes, row.size());
        currentBytes += row.size();
        currentRows++;
        totalBytes += size;
        row.reset();
    }

    /** The values a {@link autopilot.collector.source.RowSink} passes, as the mapper would write them. */
    private void write(Object v) throws IOException {
        if (v == null) {
            generator.writeNull();
        } else if (v instanceof String s) {
            generator.writeString(s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            generator.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            generator.writeNumber(b);
        } else if (v instanceof BigDecimal d) {
            generator.writeNumber(d);
        } else if (v instanceof Double d) {
            generator.writeNumber(d);
        } else if (v instanceof Float f) {
            generator.writeNumber(f);
        } else if (v instanceof Boolean b) {
            generator.writeBoolean(b);
        } else {
            mapper.writeValue(generator, v);
        }
    }

    private void cut() {
        parts.add(new EncodedRows(Arrays.copyOf(current, currentBytes), currentRows));
        currentBytes = 0;
        currentRows = 0;
    }

    /** Bytes of the encoded rows so far, separators included. */
    long bytes() {
        return totalBytes;
    }

    /**
     * The rows of each part, already encoded. There is always at least one part, so an empty
     * source is still reported (its table set or window was read and is empty).
     */
    List<EncodedRows> parts() {
        if (currentRows > 0 || parts.isEmpty()) {
            cut();
        }
        try {
            generator.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts;
    }

    /** One row's bytes, read in place. */
    private static final class RowBytes extends ByteArrayOutputStream {
        RowBytes() {
            super(1024);
        }

        byte[] buffer() {
            return buf;
        }
    }
}
