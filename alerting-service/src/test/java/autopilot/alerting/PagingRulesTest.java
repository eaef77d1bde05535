package autopilot.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.alerting.paging.Incident;
import autopilot.alerting.paging.IncidentPolicy;
import autopilot.alerting.paging.PageComposer;
import autopilot.alerting.paging.PageText;
import autopilot.alerting.paging.Signal;
import autopilot.events.PageSent;
import autopilot.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The paging decisions and texts, without AWS. */
class PagingRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private final IncidentPolicy policy = new IncidentPolicy(Duration.ofHours(1));

    private static Signal signal(Signal.Type type) {
        return new Signal(type, "c1", "c1/unsorted_region/table:dev.public.t", Severity.CRITICAL, "UNSORTED_REGION",
                "Table public.t is 63% unsorted", "body", "FindingRaised");
    }

    @Test
    void aNewProblemPagesAndItsRepeatWithinTheWindowDoesNot() {
        IncidentPolicy.Decision first = policy.decide(Optional.empty(), signal(Signal.Type.PROBLEM), T0);
        assertThat(first.outcome()).isEqualTo(IncidentPolicy.Outcome.PAGE);
        IncidentPolicy.Decision repeat = policy.decide(Optional.of(first.next()), signal(Signal.Type.PROBLEM), T0.plusSeconds(600));
        assertThat(repeat.outcome()).isEqualTo(IncidentPolicy.Outcome.SUPPRESS);
        assertThat(repeat.next().paged()).isTrue();
        IncidentPolicy.Decision later = policy.decide(Optional.of(repeat.next()), signal(Signal.Type.PROBLEM), T0.plusSeconds(3601));
        assertThat(later.outcome()).isEqualTo(IncidentPolicy.Outcome.PAGE);
    }

    @Test
    void theEndPagesOnceAndOnlyWhenTheStartWasPaged() {
        Incident paged = new Incident("f", true, true, T0);
        IncidentPolicy.Decision end = policy.decide(Optional.of(paged), signal(Signal.Type.RESOLUTION), T0.plusSeconds(60));
        assertThat(end.outcome()).isEqualTo(IncidentPolicy.Outcome.PAGE);
        assertThat(policy.decide(Optional.of(end.next()), signal(Signal.Type.RESOLUTION), T0.plusSeconds(61)).outcome())
                .isEqualTo(IncidentPolicy.Outcome.IGNORE);
        assertThat(policy.decide(Optional.empty(), signal(Signal.Type.RESOLUTION), T0).outcome())
                .isEqualTo(IncidentPolicy.Outcome.IGNORE);
    }

    @Test
    void aFlappingProblemIsSuppressedAndSoIsItsNextEnd() {
        Incident resolved = new Incident("f", false, false, T0);
        IncidentPolicy.Decision reopened = policy.decide(Optional.of(resolved), signal(Signal.Type.PROBLEM), T0.plusSeconds(300));
        assertThat(reopened.outcome()).isEqualTo(IncidentPolicy.Outcome.SUPPRESS);
        assertThat(reopened.next().paged()).isFalse();
        assertThat(policy.decide(Optional.of(reopened.next()), signal(Signal.Type.RESOLUTION), T0.plusSeconds(400)).outcome())
                .isEqualTo(IncidentPolicy.Outcome.IGNORE);
    }

    @Test
    void subjectsStayUnderSnsLimitAndAscii() {
        String subject = PageText.subject(PageSent.Kind.PROBLEM, "CRITICAL", "cluster-" + "x".repeat(40),
                "Table public.\u00e9t\u00e9_\u65e5\u672c is 63% unsorted\nand " + "very ".repeat(30) + "long");
        assertThat(subject).hasSizeLessThan(100).matches("[\\x20-\\x7E]+").endsWith("...").startsWith("[CRITICAL] cluster-x");
    }

    @Test
    void moreCandidatesThanTheThresholdBecomeOneDigestCoveringAll() {
        PageComposer composer = new PageComposer(5, UUID::randomUUID);
        List<PageComposer.Candidate> five = candidates(5);
        assertThat(composer.compose("c1", five)).hasSize(5).allSatisfy(c -> assertThat(c.candidateIds()).hasSize(1));
        List<PageComposer.Composed> storm = composer.compose("c1", candidates(300));
        assertThat(storm).hasSize(1);
        assertThat(storm.get(0).candidateIds()).hasSize(300);
        assertThat(storm.get(0).page().fingerprints()).hasSize(300);
        assertThat(storm.get(0).page().kind()).isEqualTo(PageSent.Kind.DIGEST);
        assertThat(storm.get(0).page().subject()).isEqualTo("[DIGEST CRITICAL] c1: 299 problems started, 1 resolved");
    }

    private static List<PageComposer.Candidate> candidates(int n) {
        return IntStream.range(0, n).mapToObj(i -> new PageComposer.Candidate(i, "c1", "c1/x/table:t" + i,
                i == n - 1 && n > 5 ? PageSent.Kind.RESOLVED : PageSent.Kind.PROBLEM, Severity.CRITICAL, "UNSORTED_REGION",
                "Table t" + i + " is unsorted", "body " + i)).toList();
    }
}
