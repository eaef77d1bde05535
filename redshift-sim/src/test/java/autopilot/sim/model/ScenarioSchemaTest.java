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
import java.util.List;
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
            "large-collect", "multi-database", "fleet-member", "night-incident"})
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

    @Test
    void databasesAndPerSliceScansAreChecked() {
        String yaml = """
                cluster: {nodeType: ra3.xlplus, nodes: 2, slicesPerNode: 2}
                databases: [dev, sales]
                users: [{name: admin, password: x, superuser: true}]
                tables:
                  - {name: t, columns: [{name: a, type: INTEGER}]}
                  - {database: sales, name: orders, columns: [{name: a, type: INTEGER}]}
                  - {database: salse, name: typo, columns: [{name: a, type: INTEGER}]}
                queries:
                  - {text: "select 1", scans: [{table: orders, type: 2}]}
                  - {text: "select 2", database: sales, scans: [{table: orders, type: 2, slices: [{rows: 1}, {rows: 2}]}]}
                  - text: "select 3"
                    scans:
                      - {table: sales.public.orders, type: 2, rows: 99, slices: [{rows: 1}, {rows: 2}, {rows: 3}, {rows: 4, rowsPreFilter: 2}]}
                """;
        assertThatThrownBy(() -> ScenarioLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline"))
                .hasMessageContaining("tables[2] (typo).database: 'salse' is not one of the scenario's databases [dev, sales]")
                .hasMessageContaining("queries[0].scans: table 'orders' is not a scenario table of database dev")
                .hasMessageContaining("queries[1].scans[0].slices: 2 entries, but the cluster has 4 slices")
                .hasMessageContaining("queries[2].scans[0].rows: 99, but the slices add up to 10")
                .hasMessageContaining("queries[2].scans[0].slices[3]: expected rowsPreFilter >= rowsPreUserFilter >= rows");
    }

    @Test
    void perSliceScanFiguresAreCompletedAndTotalled() throws Exception {
        String yaml = """
                cluster: {nodeType: ra3.xlplus, nodes: 1, slicesPerNode: 2}
                database: analytics
                databases: [analytics, dev]
                users: [{name: admin, password: x, superuser: true}]
                tables:
                  - {database: dev, name: t, columns: [{name: a, type: INTEGER}]}
                queries:
                  - text: "select 1"
                    database: dev
                    scans: [{table: t, type: 2, millis: 50, slices: [{rows: 10, millis: 400}, {rows: 30, rowsPreFilter: 35, bytes: 7}]}]
                """;
        Scenario s = ScenarioLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "inline");
        assertThat(s.database()).isEqualTo("analytics");
        assertThat(s.databases()).containsExactly("analytics", "dev");
        assertThat(s.databaseOf(s.tables().get(0).database())).isEqualTo("dev");
        Scenario.Scan scan = s.queries().get(0).scans().get(0);
        assertThat(scan.slices()).containsExactly(new Scenario.SliceScan(10, 10, 10, 640, 400), new Scenario.SliceScan(30, 35, 30, 7, 50));
        assertThat(List.of(scan.rows(), scan.rowsPreFilter(), scan.rowsPreUserFilter(), scan.millis())).containsExactly(40L, 45L, 40L, 400L);
        assertThat(ScanSlices.bytes(scan)).isEqualTo(647);
    }
}
