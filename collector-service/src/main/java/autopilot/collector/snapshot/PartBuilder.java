package autopilot.collector.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a source's rows into parts whose encoded messages stay under the size limit. Rows are
 * encoded once, as they arrive, and kept as JSON text: a 100,000-row source costs its JSON size in
 * memory, not Java objects per value.
 */
final class PartBuilder {

    private final ObjectMapper mapper;
    private final int budget;
    private final List<List<Object>> parts = new ArrayList<>();
    private List<Object> current = new ArrayList<>();
    private int currentBytes;

    /**
     * @param maxMessageBytes the limit for a whole message
     * @param overheadBytes   what the envelope and the part's other fields take, rows excluded
     */
    PartBuilder(ObjectMapper mapper, int maxMessageBytes, int overheadBytes) {
        this.mapper = mapper;
        this.budget = maxMessageBytes - overheadBytes;
        if (budget < 1024) {
            throw new IllegalArgumentException("max message size " + maxMessageBytes + " leaves no room for rows (overhead "
                    + overheadBytes + " bytes); raise autopilot.collector.max-message-bytes");
        }
    }

    void add(List<Object> row) {
        String json;
        try {
            json = mapper.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("row cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        int size = json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1; // + the separating comma
        if (size > budget) {
            throw new IllegalStateException("one row takes " + size + " bytes, more than a whole message allows ("
                    + budget + "); raise autopilot.collector.max-message-bytes");
        }
        if (currentBytes + size > budget) {
            parts.add(current);
            current = new ArrayList<>();
            currentBytes = 0;
        }
        current.add(new EncodedRow(json));
        currentBytes += size;
    }

    /**
     * The rows of each part, as already-encoded JSON values. There is always at least one part, so
     * an empty source is still reported (its table set or window was read and is empty).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<List<List<Object>>> parts() {
        List<List<List<Object>>> all = new ArrayList<>();
        for (List<Object> part : parts) {
            all.add((List) part);
        }
        if (!current.isEmpty() || all.isEmpty()) {
            all.add((List) current);
        }
        return all;
    }
}
