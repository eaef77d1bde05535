package autopilot.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.rules.Thresholds;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The threshold table of analyzer-service/README.md says what the configuration mapping declares: every property,
 * with its real default, and nothing else. The defaults live only in {@link Thresholds}; this keeps the README from
 * drifting away from them.
 */
class ThresholdsReadmeTest {

    /** A table row: {@code | `name` | `default` | why |}. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*`([^`]*)`\\s*\\|\\s*(.*?)\\s*\\|\\s*$");

    /** Property (relative to the thresholds prefix) -> default, as the mapping declares them. */
    static Map<String, String> declared() {
        Map<String, String> declared = new TreeMap<>();
        ConfigMappings.ConfigClass mapping = ConfigMappings.ConfigClass.configClass(Thresholds.class, AnalysisSettings.THRESHOLDS);
        ConfigMappings.getProperties(mapping).forEach((name, property) -> declared.put(
                name.substring(AnalysisSettings.THRESHOLDS.length() + 1), property.hasDefaultValue() ? property.getDefaultValue() : null));
        return declared;
    }

    /** Property -> default, as the README's "## Thresholds" table lists them. */
    static Map<String, String> documented(List<String> lines) {
        Map<String, String> documented = new TreeMap<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) inSection = line.trim().equals("## Thresholds");
            if (!inSection) continue;
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                assertThat(m.group(3)).as("the reason for " + m.group(1)).isNotBlank();
                assertThat(documented.put(m.group(1), m.group(2))).as(m.group(1) + " listed twice").isNull();
            }
        }
        return documented;
    }

    @Test
    void theReadmeListsEveryThresholdWithItsDefaultAndNothingElse() throws IOException {
        Map<String, String> declared = declared();
        assertThat(declared).as("the mapping as read").containsEntry("skew.ratio", "4").containsEntry("design.dist-all-max-rows", "3000000")
                .hasSize(72).doesNotContainValue(null);

        Map<String, String> documented = documented(Files.readAllLines(Path.of("README.md")));

        assertThat(documented).containsExactlyInAnyOrderEntriesOf(declared);
    }
}
