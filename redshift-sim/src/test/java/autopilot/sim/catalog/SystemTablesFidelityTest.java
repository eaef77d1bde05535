package autopilot.sim.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.sim.model.ScenarioLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relation of the column reference ({@code src/test/resources/reference/redshift-system-tables.md},
 * extended from AWS's pages) exists in the simulator with exactly its columns, in order, with its types.
 */
class SystemTablesFidelityTest {

    private static final Pattern SECTION = Pattern.compile("^## (\\w+)$");
    private static final Pattern ROW = Pattern.compile("^\\| ([A-Za-z_][A-Za-z0-9_]*) \\| ([^|]*) \\|");

    static Map<String, List<String[]>> reference() throws Exception {
        Map<String, List<String[]>> tables = new LinkedHashMap<>();
        try (InputStream in = SystemTablesFidelityTest.class.getResourceAsStream("/reference/redshift-system-tables.md")) {
            List<String[]> current = null;
            boolean columnTable = false;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher section = SECTION.matcher(line);
                if (section.matches()) {
                    current = new ArrayList<>();
                    tables.put(section.group(1).toLowerCase(Locale.ROOT), current);
                    continue;
                }
                if (line.startsWith("### ")) {
                    current = null;
                }
                if (line.startsWith("| column | type")) {
                    columnTable = true;
                    continue;
                }
                if (!line.startsWith("|")) {
                    columnTable = false;
                }
                Matcher row = ROW.matcher(line);
                if (current != null && columnTable && row.find()) {
                    current.add(new String[] {row.group(1).toLowerCase(Locale.ROOT), pgType(row.group(2))});
                }
            }
        }
        tables.values().removeIf(List::isEmpty);
        return tables;
    }

    /** The PostgreSQL spelling (format_type) of a type as the docs write it. */
    static String pgType(String doc) {
        String t = doc.replaceAll("\\((?:type )?unconfirmed(?: type)?\\)|\\(type text cut off\\)", "").trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return "text";
        }
        Matcher chr = Pattern.compile("(?:character|char)\\((\\d+)\\)").matcher(t);
        if (chr.matches()) {
            return "character(" + chr.group(1) + ")";
        }
        Matcher varchar = Pattern.compile("varchar\\((\\d+)\\)").matcher(t);
        if (varchar.matches()) {
            return "character varying(" + varchar.group(1) + ")";
        }
        return switch (t) {
            case "long", "bigint" -> "bigint";
            // Redshift's FLOAT is FLOAT8 (r_Numeric_types201), as PG_STATISTIC_INDICATOR writes it.
            case "double", "double precision", "float", "float8" -> "double precision";
            // PostgreSQL 12 removed abstime (PG_USER_INFO.valuntil); the simulator keeps the point in time as timestamptz.
            case "abstime" -> "timestamp with time zone";
            case "character", "char" -> "character(32)";
            case "timestamp", "timestamp without time zone" -> "timestamp without time zone";
            default -> t.replace(" ", "");
        };
    }

    @Test
    void everyDocumentedRelationHasExactlyTheDocumentedColumns() throws Exception {
        Map<String, List<String[]>> reference = reference();
        assertThat(reference).hasSizeGreaterThanOrEqualTo(20);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("allow_system_table_mods", "on").start();
             Connection db = pg.getPostgresDatabase().getConnection()) {
            db.createStatement().execute("CREATE DATABASE dev");
            try (Connection dev = pg.getDatabase("postgres", "dev").getConnection()) {
                SimDatabase.install(dev, ScenarioLoader.shipped("healthy"), Instant.now());
                PreparedStatement columns = dev.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod) "
                        + "FROM pg_attribute a WHERE a.attrelid = ('pg_catalog.' || ?)::regclass AND a.attnum > 0 ORDER BY a.attnum");
                for (Map.Entry<String, List<String[]>> table : reference.entrySet()) {
                    columns.setString(1, table.getKey());
                    List<String> actual = new ArrayList<>();
                    try (ResultSet rs = columns.executeQuery()) {
                        while (rs.next()) {
                            actual.add(rs.getString(1) + " " + rs.getString(2).replace(", ", ","));
                        }
                    }
                    List<String> expected = table.getValue().stream().map(c -> c[0] + " " + c[1]).toList();
                    assertThat(actual).as("columns of %s", table.getKey()).containsExactlyElementsOf(expected);
                }
            }
        }
    }
}
