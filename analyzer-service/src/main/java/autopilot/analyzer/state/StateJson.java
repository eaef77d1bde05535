package autopilot.analyzer.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON columns of the analyzer's state, written and read with the event codec's mapper (one date format everywhere). */
final class StateJson {

    private final ObjectMapper json;

    StateJson(ObjectMapper json) {
        this.json = json;
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write analyzer state as JSON: " + e.getMessage(), e);
        }
    }

    <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored analyzer state is not readable (" + type.getType() + "): " + e.getMessage(), e);
        }
    }
}
