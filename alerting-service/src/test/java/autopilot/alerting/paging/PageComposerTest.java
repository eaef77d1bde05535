package autopilot.alerting.paging;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.Evidence;
import autopilot.events.Finding;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.PageSent;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageComposerTest {

    private static Finding finding(String table, Severity severity, String sql) {
        ObjectRef subject = new ObjectRef(ObjectRef.Kind.TABLE, table, "dev", "public", 100L);
        Instant now = Instant.parse("2026-12-07T03:00:00Z");
        return new Finding(Finding.fingerprint("c1", FindingCategory.UNSORTED_REGION, subject), FindingCategory.UNSORTED_REGION,
                severity, subject, "Table public." + table + " is 63% unsorted", "Rows outside the sort order.",
                List.of(Evidence.measured("unsorted_pct", 63.0, "%", 20.0)),
                new RecommendedAction("Sort the table", List.of(sql, "ANALYZE \"public\".\"" + table + "\";"), "In the window."),
                null, now.minusSeconds(600), now, UUID.randomUUID(), null, "https://autopilot.example.com/console/findings/" + table);
    }

    private static PageComposer.Candidate candidate(long id, Finding f) {
        return new PageComposer.Candidate(id, "c1", f.fingerprint(), PageSent.Kind.PROBLEM, f.severity(), f.category().name(),
                f.title(), PageText.findingProblem("c1", f));
    }

    @Test
    void aDigestKeepsTheStatementsOfItsCriticalProblems() {
        Finding critical = finding("sales", Severity.CRITICAL, "VACUUM SORT ONLY \"public\".\"sales\";");
        Finding warning = finding("events", Severity.WARNING, "VACUUM SORT ONLY \"public\".\"events\";");
        List<PageComposer.Candidate> storm = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            storm.add(candidate(i, finding("t" + i, Severity.INFO, "VACUUM \"public\".\"t" + i + "\";")));
        }
        storm.add(candidate(100, critical));
        storm.add(candidate(101, warning));

        List<PageComposer.Composed> pages = new PageComposer(5, UUID::randomUUID).compose("c1", storm);

        assertThat(pages).hasSize(1);
        assertThat(PageSent.statements(PageText.findingProblem("c1", critical)))
                .containsExactly("VACUUM SORT ONLY \"public\".\"sales\";", "ANALYZE \"public\".\"sales\";");
        String digest = pages.get(0).page().body();
        assertThat(digest).contains(critical.title() + " [" + critical.fingerprint() + "]\n      Console: " + critical.link()
                + "\n      VACUUM SORT ONLY \"public\".\"sales\";\n"
                + "      ANALYZE \"public\".\"sales\";\n");
        assertThat(digest).contains(warning.title()).doesNotContain("\"events\";").doesNotContain("\"t0\";");
    }

    @Test
    void pagesAndDigestLinesLinkToTheFindingsConsolePage() {
        Finding sales = finding("sales", Severity.CRITICAL, "VACUUM SORT ONLY \"public\".\"sales\";");
        assertThat(PageText.findingProblem("c1", sales)).contains("\nConsole: https://autopilot.example.com/console/findings/sales\n");
        assertThat(PageText.findingResolved("c1", sales, "back under 20%")).contains("Console: https://autopilot.example.com/console/findings/sales");
        Finding unlinked = new Finding(sales.fingerprint(), sales.category(), sales.severity(), sales.subject(), sales.title(),
                sales.explanation(), sales.evidence(), sales.action(), null, sales.firstSeen(), sales.lastSeen(), null, null, null);
        assertThat(PageText.findingProblem("c1", unlinked)).doesNotContain("Console:");
        List<PageComposer.Candidate> storm = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            storm.add(candidate(i, finding("t" + i, Severity.WARNING, "VACUUM \"public\".\"t" + i + "\";")));
        }
        String digest = new PageComposer(5, UUID::randomUUID).compose("c1", storm).get(0).page().body();
        assertThat(digest).contains("[" + storm.get(0).fingerprint() + "]\n      Console: https://autopilot.example.com/console/findings/t0\n");
    }
}
