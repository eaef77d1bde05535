package autopilot.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalFeedTest {

    @Test
    void aPageLineNamesTheProblemAndTheStatementsToCopy() {
        String body = """
                Cluster: local
                Problem: Session 45001 (etl_user) blocks 2 sessions on public.sales
                Severity: CRITICAL; category: BLOCKING_SESSION
                Fingerprint: local/blocking_session/session:pid 45001 xid 800000

                Evidence:
                  - waiting_sessions = 2 sessions (threshold 1 sessions)

                Recommended action: Terminate the blocking session after checking with its owner
                  SELECT PG_TERMINATE_BACKEND(45001);
                Runbook: copy it; Autopilot never runs it.
                """;
        assertThat(LocalFeed.pageLine(body))
                .isEqualTo("Session 45001 (etl_user) blocks 2 sessions on public.sales | SELECT PG_TERMINATE_BACKEND(45001);");
        assertThat(LocalFeed.pageLine("Cluster: local\nDigest: 7 problems started, 0 resolved at about the same time\n"))
                .isEqualTo("7 problems started, 0 resolved at about the same time");
        assertThat(LocalFeed.pageLine(body + "Console: http://127.0.0.1:8082/console/findings/local/blocking_session/session%3Apid%2045001\n"))
                .endsWith("PG_TERMINATE_BACKEND(45001); | console http://127.0.0.1:8082/console/findings/local/blocking_session/session%3Apid%2045001");
        assertThat(LocalFeed.pageLine("Cluster: local\nDigest: 2 problems started\n  - a\n    Console: http://h/console/findings/a\n"
                + "  - b\n    Console: http://h/console/findings/b\n")).isEqualTo("2 problems started | 2 console links");
    }

    @Test
    void aWorkloadFindingAndItsPageSayWhoCausesIt() {
        java.util.List<autopilot.events.Attribution> who = java.util.List.of(
                new autopilot.events.Attribution(autopilot.events.Attribution.By.USER, "dashboard", 84.2, 5_000.0, "s"),
                new autopilot.events.Attribution(autopilot.events.Attribution.By.USER, "analyst", 15.8, 940.0, "s"),
                new autopilot.events.Attribution(autopilot.events.Attribution.By.QUERY_GROUP, "dashboards", 84.2, 5_000.0, "s"));
        assertThat(LocalFeed.causedBy(who)).isEqualTo(" | caused by user dashboard 84%, query group dashboards 84%");
        assertThat(LocalFeed.causedBy(null)).isEmpty();
        assertThat(LocalFeed.pageLine("Cluster: local\nProblem: Queue bi: queries spent 70% of their time waiting\n"
                + "Caused by: user dashboard 84% (5000 s), query group dashboards 84% (5000 s)\n"))
                .isEqualTo("Queue bi: queries spent 70% of their time waiting | Caused by: user dashboard 84% (5000 s), query group dashboards 84% (5000 s)");
    }
}
