package autopilot.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import jakarta.annotation.Nullable;

/**
 * Generates each event type's JSON Schema from its record, so the schemas in
 * {@code src/main/resources/autopilot/events/schemas} are never written by hand.
 * {@link EventSchemasTest} fails when they drift from the records.
 */
final class EventSchemaGenerator {

    static final String GENERATED_NOTE =
            "Generated from the Java records by EventSchemaGenerator (events module tests); do not edit. "
                    + "Regenerate: ./mvnw -pl events test -Dtest=EventSchemasTest -Devents.writeSchemas=true";

    private final SchemaGenerator generator;
    private final ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    EventSchemaGenerator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.ADDITIONAL_FIXED_TYPES, Option.EXTRA_OPEN_API_FORMAT_VALUES, Option.FLATTENED_ENUMS,
                        Option.DEFINITIONS_FOR_ALL_OBJECTS);
        config.forFields().withRequiredCheck(f -> f.getAnnotationConsideringFieldAndGetter(Nullable.class) == null);
        config.forFields().withNullableCheck(f -> f.getAnnotationConsideringFieldAndGetter(Nullable.class) != null);
        this.generator = new SchemaGenerator(config.build());
    }

    /** The schema of one event type, as pretty-printed JSON. */
    String schemaOf(EventType type) {
        ObjectNode schema = generator.generateSchema(EventEnvelope.class, type.payloadType());
        ObjectNode ordered = pretty.createObjectNode();
        ordered.put("$schema", schema.get("$schema").asText());
        ordered.put("$id", "https://redshift-autopilot.github.io/events/" + type.typeName() + ".v" + type.schemaVersion() + ".schema.json");
        ordered.put("title", type.typeName());
        ordered.put("$comment", GENERATED_NOTE);
        schema.remove("$schema");
        ObjectNode properties = (ObjectNode) schema.get("properties");
        properties.putObject("eventType").put("const", type.typeName());
        properties.putObject("schemaVersion").put("const", type.schemaVersion());
        ordered.setAll(schema);
        try {
            return pretty.writeValueAsString(ordered) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
