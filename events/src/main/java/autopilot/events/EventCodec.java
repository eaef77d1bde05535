package autopilot.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON codec for events: Jackson with java.time as ISO-8601, strict about what an event
 * must contain (checked against the event type's JSON Schema), tolerant of extra fields so newer
 * producers do not break older consumers. Thread-safe; create one and share it.
 */
public final class EventCodec {

    private final ObjectMapper mapper;
    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    public EventCodec() {
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (EventType type : EventType.values()) {
            String resource = type.schemaResource(type.schemaVersion());
            try (InputStream in = EventCodec.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("JSON Schema " + resource + " is missing from the events jar");
                }
                schemas.put(type, factory.getSchema(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The mapper configured as the codec uses it (for payload fragments, e.g. snapshot rows). */
    public ObjectMapper mapper() {
        return mapper;
    }

    public String encode(EventEnvelope<?> event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Decodes any event; the payload's class tells its type. */
    public EventEnvelope<? extends EventPayload> decode(String json) {
        JsonNode tree = parse(json);
        EventType type = typeOf(tree);
        checkVersion(tree, type);
        validate(tree, type);
        JavaType javaType = mapper.getTypeFactory().constructParametricType(EventEnvelope.class, type.payloadType());
        try {
            return mapper.convertValue(tree, javaType);
        } catch (IllegalArgumentException e) {
            throw new EventDecodingException.Invalid(
                    type.typeName() + " does not bind to its record: " + rootMessage(e), List.of(rootMessage(e)), e);
        }
    }

    /** Decodes an event that must be of the given payload type (a channel carries known types). */
    @SuppressWarnings("unchecked")
    public <P extends EventPayload> EventEnvelope<P> decode(String json, Class<P> expected) {
        EventEnvelope<? extends EventPayload> event = decode(json);
        if (!expected.isInstance(event.payload())) {
            throw new EventDecodingException.UnknownEventType("expected eventType " + expected.getSimpleName()
                    + " but found " + event.eventType() + ": the message was sent to the wrong channel");
        }
        return (EventEnvelope<P>) event;
    }

    private JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new EventDecodingException.Malformed("expected a JSON event object but the message body is empty", null);
        }
        try {
            JsonNode tree = mapper.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new EventDecodingException.Malformed("expected a JSON event object but found "
                        + (tree == null ? "nothing" : tree.getNodeType().name().toLowerCase()), null);
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new EventDecodingException.Malformed("expected a JSON event object but the body is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static EventType typeOf(JsonNode tree) {
        JsonNode name = tree.get("eventType");
        if (name == null || !name.isTextual()) {
            throw new EventDecodingException.UnknownEventType(
                    "expected a text field eventType naming the event, found " + (name == null ? "none" : name));
        }
        return EventType.byName(name.asText()).orElseThrow(() -> new EventDecodingException.UnknownEventType(
                "unknown eventType '" + name.asText() + "'; known: " + List.of(EventType.values()).stream()
                        .map(EventType::typeName).toList()));
    }

    private static void checkVersion(JsonNode tree, EventType type) {
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.canConvertToExactIntegral()) {
            throw new EventDecodingException.UnsupportedSchemaVersion(
                    "expected an integer schemaVersion for " + type.typeName() + ", found " + (version == null ? "none" : version));
        }
        if (!type.readableVersions().contains(version.asInt())) {
            throw new EventDecodingException.UnsupportedSchemaVersion("schemaVersion " + version.asInt() + " of "
                    + type.typeName() + " is not supported here (readable: " + type.readableVersions()
                    + "); upgrade this consumer or have the producer write a supported version");
        }
    }

    private void validate(JsonNode tree, EventType type) {
        Set<ValidationMessage> errors = schemas.get(type).validate(tree);
        if (!errors.isEmpty()) {
            List<String> violations = errors.stream().map(ValidationMessage::getMessage).sorted().toList();
            throw new EventDecodingException.Invalid(
                    type.typeName() + " breaks its schema: " + String.join("; ", violations), violations, null);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
