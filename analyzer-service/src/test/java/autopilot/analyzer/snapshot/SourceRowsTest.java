package autopilot.analyzer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceRowsTest {

    /** What the reading of timestamps was before it had a fast path: it must still be exactly this. */
    private static Instant asParsedBefore(String s) {
        return s.endsWith("Z") ? Instant.parse(s) : Instant.parse(s.replace(' ', 'T') + "Z");
    }

    @Test
    void timestampsReadAsInstantParseReadsThem() {
        List<String> texts = new ArrayList<>(List.of(
                "2026-11-23T17:14:15.465091Z", "2026-11-23 17:14:15.465091", "2026-11-23T17:14:15.465091",
                "2026-11-23T17:14:15Z", "2026-11-23 17:14:15", "2026-11-23T17:14:15.1Z", "2026-11-23T17:14:15.123456789Z",
                "2024-02-29T00:00:00Z", "2000-02-29 23:59:59.999", "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "2026-12-31 23:59:59.5", "1969-12-31T23:59:59.9Z"));
        for (int month = 1; month <= 12; month++) {
            texts.add(String.format("2023-%02d-01T12:30:45.25Z", month));
        }
        for (String s : texts) {
            assertThat(instant(s)).as(s).isEqualTo(asParsedBefore(s));
        }
    }

    @Test
    void textTheFastPathDoesNotTakeFailsOrParsesAsBefore() {
        for (String s : List.of("2023-02-29T00:00:00Z", "2023-04-31 00:00:00", "2023-13-01T00:00:00Z", "2023-00-10T00:00:00Z",
                "2023-01-01T24:00:00Z", "2016-12-31T23:59:60Z", "2023-01-01T00:60:00Z", "2023-01-01T00:00:00.Z",
                "2023-01-01T00:00:00.1234567890Z", "2023-01-01 00:00:00Z", "2023-1-01T00:00:00Z", "+2023-01-01T00:00:00Z",
                "2023-01-01T00:00:00+01:00", "2023-01-01t00:00:00z", "2023-01-01T00:00", "yesterday", "2023-01-01  00:00:00",
                "2023-01-01T00:00:00.12a4Z", "2023-01-01T00:00:00,5Z", "２０２３-01-01T00:00:00Z")) {
            Throwable before = catchThrowable(() -> asParsedBefore(s));
            Throwable now = catchThrowable(() -> instant(s));
            if (before == null) {
                assertThat(now).as(s).isNull();
                assertThat(instant(s)).as(s).isEqualTo(asParsedBefore(s));
            } else {
                assertThat(now).as(s).isNotNull().hasSameClassAs(before).hasMessage(before.getMessage());
            }
        }
    }

    private static Instant instant(String text) {
        SourceRows rows = new SourceRows("queries", List.of("endtime"));
        List<Object> row = new ArrayList<>();
        row.add(text);
        rows.addAll(List.of(row));
        return rows.row(0).instant("endtime");
    }
}
