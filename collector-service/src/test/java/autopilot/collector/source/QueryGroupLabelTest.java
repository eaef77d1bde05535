package autopilot.collector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A query_group Redshift would store in a form that cannot be told from other statements' is refused. */
class QueryGroupLabelTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "default", "DEFAULT", " autopilot", "autopilot ", "autopilot-coll x",
            "autopilot-collector-of-the-ni ght", "autopilot-\u00e9t\u00e9", "autopilot\tcollector"})
    void labelRedshiftWouldCutAmbiguouslyIsRefusedNamingTheKey(String label) {
        assertThatThrownBy(() -> new QueryGroupLabel(label)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("autopilot.collector.query-group");
    }

    @Test
    void defaultAndLongLabelsAreAccepted() {
        assertThat(new QueryGroupLabel("autopilot-collector").value()).isEqualTo("autopilot-collector");
        assertThat(new QueryGroupLabel("autopilot-collector-of-the-night-shift-and-more").value()).hasSize(47);
    }
}
