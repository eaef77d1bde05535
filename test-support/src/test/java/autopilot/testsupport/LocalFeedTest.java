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
    }
}
