package autopilot.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scenario JSON Schema is generated from the {@link Scenario} records (never edited by hand),
 * and every shipped scenario validates against it.
 */
class ScenarioSchemaTest {

    private static final Path SCHEMA = Path.of("src/main/resources/autopilot/sim/scenario.schema.json");
    private static final String NOTE = "Generated from autopilot.sim.model.Scenario by ScenarioSchemaTest; do not edit. "
            + "Regenerate: ./mvnw -pl redshift-sim test -Dtest=ScenarioSchemaTest -Dsim.writeSchema=true";

    static String generate() throws Exception {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule()).with(Option.ADDITIONAL_FIXED_TYPES, Option.FLATTENED_ENUMS, Option.DEFINITIONS_FOR_ALL_OBJECTS);
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(Scenario.class);
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode ordered = pretty.createObjectNode();
        ordered.put("$schema", schema.remove("$schema").asText());
        ordered.put("title", "redshift-sim scenario");
        ordered.put("$comment", NOTE);
        ordered.setAll(schema);
        return pretty.writeValueAsString(ordered) + "\n";
    }

    @Test
    void shippedSchemaMatchesTheRecords() throws Exception {
        String generated = generate();
        if (Boolean.getBoolean("sim.writeSchema")) {
            Files.writeString(SCHEMA, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(SCHEMA)).as(NOTE).isEqualTo(generated);
    }

    @ParameterizedTest
    @ValueSource(strings = {"healthy", "star-schema", "maintenance-backlog", "saturated-wlm", "aqua", "serverless", "generated-modest", "large",
            "large-collect"})
    void shippedScenarioValidatesAgainstTheSchema(String name) throws Exception {
        JsonNode yaml;
        try (InputStream in = getClass().getResourceAsStream("/autopilot/sim/scenarios/" + name + ".yaml")) {
            yaml = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(new ByteArrayInputStream(Files.readAllBytes(SCHEMA)));
        assertThat(schema.validate(yaml)).isEmpty();
    }

    @Test
    void inconsistentScenarioIsRejectedWithEveryProblemNamed() {
        String yaml = """
                cluster: {nodeType: ra3.xlplus, nodes: 2, slicesPerNode: 2}
                users: [{name: admin, password: x, superuser: true}]
                tables:
                  - {name: t, diststyle: KEY, distkey: nope, sortkey: {type: COMPOUND, columns: [missing]}, columns: [{name: a, type: INTEGER}]}
                queries:
                  - {text: "select 1", user: ghost, scans: [{table: elsewhere, type: 2}]}
                """;
        assertThatThrownBy(() -> ScenarioLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline"))
                .hasMessageContaining("tables[0] (t).distkey: 'nope' is not a column")
                .hasMessageContaining("sortkey: 'missing' is not a column")
                .hasMessageContaining("queries[0].user: 'ghost'")
                .hasMessageContaining("table 'elsewhere' is not a scenario table");
    }
}
