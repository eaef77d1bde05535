package autopilot.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventSchemasTest {

    private static final Path SCHEMAS = Path.of("src/main/resources/autopilot/events/schemas");
    private final EventSchemaGenerator generator = new EventSchemaGenerator();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shippedSchemaMatchesTheRecords(EventType type) throws IOException {
        String generated = generator.schemaOf(type);
        Path file = SCHEMAS.resolve(type.typeName() + ".v" + type.schemaVersion() + ".schema.json");
        if (Boolean.getBoolean("events.writeSchemas")) {
            Files.createDirectories(SCHEMAS);
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(file).as("schema file of %s (%s)", type.typeName(), EventSchemaGenerator.GENERATED_NOTE).exists();
        assertThat(Files.readString(file))
                .as("%s changed; %s", file, EventSchemaGenerator.GENERATED_NOTE)
                .isEqualTo(generated);
    }
}
