package autopilot.analyzer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.events.ClusterKind;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.SnapshotPartCollected;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PartReaderTest {

    private final EventCodec codec = new EventCodec();

    private String event(String source, List<String> columns, List<List<Object>> rows) {
        Instant at = Instant.parse("2026-12-07T10:00:00.123456Z");
        SnapshotPartCollected part = new SnapshotPartCollected(UUID.randomUUID(), source, ClusterKind.PROVISIONED, 2, 3,
                at.minusSeconds(3600), at, at, columns, rows, List.of(source, "table_info"));
        return codec.encode(EventEnvelope.create("c1", "collector-service", part, Clock.systemUTC()));
    }

    private static List<Object> row(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    @Test
    void readsAPartAsTheCodecDecodesIt() {
        List<String> columns = List.of("database", "table_id", "size", "stats_off", "encoded", "create_time", "extra");
        String json = event(SnapshotData.TABLE_INFO, columns, List.of(
                row("dev", 101, 5_000_000_000L, 12.5, true, "2026-01-01 00:00:00", null),
                row("dev", 102, 7, 0.0, false, null, List.of(1, "two")),
                row("dev", 103, 8, 1e-3, false, "2026-01-02T00:00:00Z", Map.of("k", "v"))));
        SnapshotPartCollected decoded = codec.decode(json, SnapshotPartCollected.class).payload();
        SnapshotPartCollected read = new PartReader(codec.mapper()).read(json);
        assertThat(read.rows()).isEqualTo(decoded.rows());
        assertThat(read).usingRecursiveComparison().ignoringFields("rows").isEqualTo(decoded);
        assertThat(read.rows().get(0).get(0)).isSameAs(read.rows().get(1).get(0)); // a recurring text is kept once
    }

    @Test
    void keepsOnlyTheColumnsTheAnalysisReadsOfAWorkloadSource() {
        // userid and label are read (who causes the load, issue 20); xid and starttime are not.
        List<String> columns = List.of("query", "userid", "label", "xid", "endtime", "querytxt", "starttime");
        String json = event(SnapshotData.QUERIES, columns, List.of(
                row(1, 100, "default", 77, "2026-12-07T09:00:01Z", "select 1", "2026-12-07T09:00:00Z")));
        SnapshotPartCollected read = new PartReader(codec.mapper()).read(json);
        assertThat(read.rows()).containsExactly(Arrays.asList(1, 100, "default", null, "2026-12-07T09:00:01Z", "select 1", null));

        SnapshotData snapshot = SnapshotData.of("c1", List.of(read));
        SourceRows.Row first = snapshot.rows(SnapshotData.QUERIES).row(0);
        assertThat(first.string("querytxt")).isEqualTo("select 1");
        assertThat(first.has("starttime")).isTrue();
        assertThat(first.get("no_such_column")).isNull();
        assertThatThrownBy(() -> first.get("starttime")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("starttime of queries is not kept");
    }

    @Test
    void refusesAnotherEvent() {
        assertThatThrownBy(() -> new PartReader(codec.mapper()).read("{\"eventType\":\"FindingRaised\",\"payload\":{}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FindingRaised");
        assertThatThrownBy(() -> new PartReader(codec.mapper()).read("[]")).isInstanceOf(IllegalArgumentException.class);
    }
}
