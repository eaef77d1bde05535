package autopilot.alerting.paging;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.Attribution;
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

    /** A WLM queue wait finding as the analyzer raises it for a queue one user fills (issue 20). */
    private static Finding queueWait(Severity severity) {
        ObjectRef subject = new ObjectRef(ObjectRef.Kind.QUEUE, "bi", null, null, 7L);
        Instant now = Instant.parse("2026-12-07T03:00:00Z");
        return new Finding(Finding.fingerprint("c1", FindingCategory.WLM_QUEUE_WAIT, subject), FindingCategory.WLM_QUEUE_WAIT, severity,
                subject, "Queue bi: queries spent 62% of their time waiting at 2026-12-07T02:00:00Z (p95 wait 60 s)",
                "Queries of the WLM queue bi wait for a free slot. etl_user causes 92 % of the queue wait (query group etl_nightly 92 %).",
                List.of(Evidence.measured("worst_hour_queue_share", 62.0, "%", 20.0)),
                new RecommendedAction("Switch to automatic WLM", List.of(), "WLM changes are made in the parameter group."),
                null, now.minusSeconds(600), now, UUID.randomUUID(),
                List.of(new Attribution(Attribution.By.USER, "etl_user", 92.3, 720.0, "s"),
                        new Attribution(Attribution.By.USER, "dashboard", 7.7, 60.0, "s"),
                        new Attribution(Attribution.By.QUERY_GROUP, "etl_nightly", 92.3, 720.0, "s")), null);
    }

    @Test
    void aPageNamesWhoCausesAWorkloadFindingWithTheirShares() {
        String body = PageText.findingProblem("c1", queueWait(Severity.CRITICAL));

        assertThat(body).contains("\nCaused by: user etl_user 92% (720 s), user dashboard 7.7% (60 s), query group etl_nightly 92% (720 s)\n");
        assertThat(body).contains("etl_user causes 92 % of the queue wait");
        assertThat(PageText.findingProblem("c1", finding("sales", Severity.CRITICAL, "VACUUM \"public\".\"sales\";")))
                .as("a table finding nobody causes").doesNotContain("Caused by");
    }

    @Test
    void aDigestKeepsWhoCausesEachProblem() {
        List<PageComposer.Candidate> storm = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            storm.add(candidate(i, finding("t" + i, Severity.INFO, "VACUUM \"public\".\"t" + i + "\";")));
        }
        Finding wait = queueWait(Severity.WARNING);
        storm.add(candidate(100, wait));

        String digest = new PageComposer(5, UUID::randomUUID).compose("c1", storm).get(0).page().body();

        assertThat(digest).contains(wait.title() + " [" + wait.fingerprint() + "]\n      Caused by: user etl_user 92%");
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

    @Test
    void longWaitsReadInHours() {
        assertThat(PageText.amount(167_738.2, "s")).isEqualTo("46.6 h");
        assertThat(PageText.amount(720.0, "s")).isEqualTo("720 s");
        assertThat(PageText.amount(12.5, "queries")).isEqualTo(PageText.number(12.5) + " queries");
    }
}
