package autopilot.analyzer.state;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.model.Contributors;
import autopilot.analyzer.model.Workload;
import autopilot.events.EventCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A workload hour as the state store writes it ({@code golden/workload-hour.json}, every field of {@link Workload} and
 * its parts set, written by {@link WorkloadHours#format}) read back the way the next analysis reads it. The mapper
 * ignores unknown fields, so a renamed field would read as zero and silently drop up to 35 days of history; these
 * tests fail instead. A field renamed on purpose needs a {@code @JsonAlias} for the old name (stored hours keep it);
 * a field added on purpose goes into the fixture too.
 */
class StoredWorkloadHourTest {

    private final EventCodec codec = new EventCodec();
    private final WorkloadHours hours = new WorkloadHours(codec);

    private static String golden() throws IOException {
        try (InputStream in = StoredWorkloadHourTest.class.getResourceAsStream("/golden/workload-hour.json")) {
            assertThat(in).as("golden/workload-hour.json on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theStoredFiguresComeBack() throws IOException {
        Workload w = hours.parse(golden());

        assertThat(w.queries).isEqualTo(1250);
        assertThat(w.diskBasedQueries).isEqualTo(7);
        assertThat(w.waits.count()).isEqualTo(5);
        assertThat(w.lastQueryEnd).isEqualTo(Instant.parse("2026-03-02T09:59:59Z"));

        Workload.QueueHour q = w.queueHours.get("6|2026-03-02T09:00:00Z");
        assertThat(q.name).isEqualTo("etl");
        assertThat(q.queued).isEqualTo(120);
        assertThat(q.queueMsTotal).isEqualTo(360000.5);
        assertThat(q.execs.count()).isEqualTo(3);
        assertThat(q.execs.max()).isGreaterThanOrEqualTo(61_000);
        assertThat(q.peakSlots).isEqualTo(5);
        assertThat(q.shortWaited).isEqualTo(18);

        Workload.Pattern p = w.patterns.get("9f86d081884c7d65");
        assertThat(p.queries).isEqualTo(40);
        assertThat(p.compileDominated).isEqualTo(2);
        assertThat(p.alerts).containsEntry("Large distribution", 40L);
        assertThat(p.alertTables.get("Large distribution")).containsExactly(1L, 3L);
        assertThat(p.diskStepLabels).containsEntry("hjoin", 4L);
        assertThat(p.joins).containsExactly("public.date_dim.date_id=public.sales.date_id");
        assertThat(p.filters).contains("public.sales.sold_at:RANGE:now");
        assertThat(p.writes).isEqualTo("INSERT public.sales_summary");
        assertThat(p.distRows).isEqualTo(5.2e7);
        assertThat(p.scanRows).containsEntry(3L, 1240.0);
        assertThat(p.wildcard && p.distinct).isTrue();

        Workload.TableUsage t = w.tables.get(1L);
        assertThat(t.rowsPreUserFilter).isEqualTo(2.4e9);
        assertThat(t.ghostMeasuredScans).isEqualTo(50);
        assertThat(t.aquaSeconds.values()).isEqualTo(List.of(1.7, 1.9));
        assertThat(t.firstAquaSeconds).isEqualTo(25.0);
        assertThat(t.clusterSeconds.count()).isEqualTo(2);
        assertThat(t.aquaDistinctRowsMax).isEqualTo(12000.0);
        assertThat(t.lastScan).isEqualTo(Instant.parse("2026-03-02T09:58:20Z"));

        assertThat(w.wlmQueues.get(6)).isEqualTo(new Workload.QueueConfig(6, "etl", 5, 1024, 0L, "off", "normal"));
        assertThat(w.wlmConfigAt).isEqualTo(Instant.parse("2026-03-02T09:50:00Z"));

        assertThat(p.execPercentileAtMost(50)).isEqualTo(32_768); // 30 of 40 in [16 384, 32 768) ms
        Workload.CommitHour c = w.commitHours.get(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(c.commits).isEqualTo(42);
        assertThat(c.waits.count()).isEqualTo(3);
        assertThat(c.queueMax).isEqualTo(7);
        Workload.QmrAction a = w.qmrActions.get("7|bi_abort_long|abort");
        assertThat(a.queue).isEqualTo("bi");
        assertThat(a.users).containsExactly(101L, 102L);
        assertThat(a.since(Instant.parse("2026-03-02T09:15:00Z"))).isEqualTo(2);
        assertThat(w.conflicts.get(1L).count).isEqualTo(2);
        // 08:59 (a query that began before the hour) and every minute of 09:00.
        assertThat(w.busyMinutes).containsEntry(Instant.parse("2026-03-02T08:00:00Z"), 1L << 59)
                .containsEntry(Instant.parse("2026-03-02T09:00:00Z"), (1L << 60) - 1);

        assertThat(q.contributors.users.get("etl_user").queueMs).isEqualTo(300000.0);
        assertThat(q.contributors.users.get(Contributors.OTHERS).queries).isEqualTo(20);
        assertThat(q.contributors.groups).containsOnlyKeys("etl_nightly");
        assertThat(p.contributors.top).isEqualTo(3);
        assertThat(p.user + " " + p.group).isEqualTo("etl_user default");
        assertThat(p.contributors.users.get("etl_user").execMs).isEqualTo(560000.0);
        assertThat(w.contributors.users).containsOnlyKeys("dashboard", "etl_user");
    }

    @Test
    void everyStoredFieldIsReadAndWrittenUnderTheSameName() throws IOException {
        String golden = golden();
        JsonNode stored = codec.mapper().readTree(golden);

        JsonNode rewritten = codec.mapper().readTree(hours.format(hours.parse(golden)));

        // A field read under another name is missing here (and its new name appears): that is the history lost.
        // Compared as compact text: AssertJ takes a JsonNode for an Iterable and would compare its elements only.
        assertThat(rewritten.toString()).isEqualTo(stored.toString());
    }
}
