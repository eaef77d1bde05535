package autopilot.collector.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.events.EventCodec;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartBuilderTest {

    private final ObjectMapper mapper = new EventCodec().mapper();

    /** Every kind of value a source passes, as the codec's mapper writes it. */
    @Test
    void rowsAreWrittenAsTheMapperWritesThem() throws Exception {
        List<Object> row = Arrays.asList(null, "tab\t\"quoted\" é 日本 \uD83D\uDE00", 42, 7L, (short) 3, new BigInteger("123456789012345678901234567890"),
                new BigDecimal("12.50"), 1.5d, 2.25f, true, "2026-12-07T20:00:00Z");
        PartBuilder parts = new PartBuilder(PartBuilder.rowFactory(mapper), mapper, 262_144, 1_000);
        parts.add(row);
        parts.add(List.of("second"));
        List<EncodedRows> cut = parts.parts();
        assertThat(cut.size()).isEqualTo(1);
        assertThat(mapper.writeValueAsString(cut.get(0))).isEqualTo(mapper.writeValueAsString(List.of(row, List.of("second"))));
        assertThat(cut.get(0).size()).isEqualTo(2);
    }

    @Test
    void partsAreCutUnderTheBudget() throws Exception {
        PartBuilder parts = new PartBuilder(PartBuilder.rowFactory(mapper), mapper, 3_000, 1_000);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            List<Object> row = List.of(i, "x".repeat(50));
            rows.add(row);
            parts.add(row);
        }
        List<EncodedRows> cut = parts.parts();
        assertThat(cut.size()).isGreaterThanOrEqualTo(3);
        List<Object> all = new ArrayList<>();
        for (EncodedRows part : cut) {
            String json = mapper.writeValueAsString(part);
            assertThat(json.length()).isLessThanOrEqualTo(2_000 + 2);
            all.addAll(mapper.readValue(json, List.class));
        }
        assertThat(mapper.writeValueAsString(all)).isEqualTo(mapper.writeValueAsString(rows));
        assertThat(parts.bytes()).isEqualTo(mapper.writeValueAsString(rows).length() - 1);
    }

    @Test
    void anEmptySourceIsOneEmptyPart() throws Exception {
        List<EncodedRows> cut = new PartBuilder(PartBuilder.rowFactory(mapper), mapper, 3_000, 1_000).parts();
        assertThat(cut.size()).isEqualTo(1);
        assertThat(mapper.writeValueAsString(cut.get(0))).isEqualTo("[]");
    }

    @Test
    void aRowLargerThanAMessageIsRefused() {
        PartBuilder parts = new PartBuilder(PartBuilder.rowFactory(mapper), mapper, 3_000, 1_000);
        assertThatThrownBy(() -> parts.add(List.of("x".repeat(3_000)))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("raise autopilot.collector.max-message-bytes");
    }
}
