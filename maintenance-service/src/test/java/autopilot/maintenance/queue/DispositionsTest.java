package autopilot.maintenance.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceSkipped;
import autopilot.maintenance.plan.Decision;
import autopilot.maintenance.work.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule of what becomes of a work item's message, without SQS: 3 attempts, waiting items held at most 2 minutes. */
class DispositionsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T01:00:00Z");
    private static final Duration HOLD = Duration.ofMinutes(2);
    private static final String WINDOW = "2026-03-02T05:00:00Z";
    private static final Dispositions RULES = new Dispositions(3, HOLD);

    /** A first delivery: attempt 1, received once, never put back. */
    private static final Delivery FRESH = new Delivery(1, 1, null, null);

    private static Outcome.Failed failed(boolean retryable) {
        return new Outcome.Failed("STATEMENT_TIMEOUT", "canceling statement due to statement timeout", "57014", retryable);
    }

    private static Outcome.Postponed postponed(Duration forHowLong, Decision.Scope scope) {
        return new Outcome.Postponed(NOW.plus(forHowLong), MaintenanceSkipped.Code.UNSAFE_NOW, "busy", scope);
    }

    @Test
    void aWaitingItemMustBeHeldLongerThanZero() {
        assertThatThrownBy(() -> new Dispositions(3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class AfterAnAttempt {

        @Test
        void completedAndSkippedItemsAreDeleted() {
            Outcome completed = new Outcome.Completed(new MaintenanceCompleted("w", null, List.of(), 0, null, null));
            Outcome skipped = new Outcome.Skipped(new MaintenanceSkipped("w", null, MaintenanceSkipped.Code.DUPLICATE, "done before"));
            assertThat(RULES.afterAttempt(completed, FRESH, WINDOW, NOW, false)).isEqualTo(new Disposition.Delete());
            assertThat(RULES.afterAttempt(skipped, FRESH, WINDOW, NOW, false)).isEqualTo(new Disposition.Delete());
        }

        @Test
        void aRetryableFailureWithAttemptsLeftIsResentAsTheNextAttempt() {
            assertThat(RULES.afterAttempt(failed(true), FRESH, WINDOW, NOW, false)).isEqualTo(new Disposition.Resend(2));
            assertThat(RULES.afterAttempt(failed(true), new Delivery(2, 1, null, null), WINDOW, NOW, false)).isEqualTo(new Disposition.Resend(3));
        }

        @Test
        void aRetryableFailureOfTheLastAttemptGoesToTheDlqWithItsError() {
            assertThat(RULES.afterAttempt(failed(true), new Delivery(3, 1, null, null), WINDOW, NOW, false)).isEqualTo(new Disposition.DeadLetter(
                    "STATEMENT_TIMEOUT", "after 3 attempt(s): canceling statement due to statement timeout"));
        }

        @Test
        void aFailureThatCannotSucceedGoesToTheDlqAtTheFirstAttempt() {
            assertThat(RULES.afterAttempt(failed(false), FRESH, WINDOW, NOW, false)).isEqualTo(new Disposition.DeadLetter(
                    "STATEMENT_TIMEOUT", "after 1 attempt(s): canceling statement due to statement timeout"));
        }

        @Test
        void anItemPostponedForItsOwnReasonGoesToTheBackOncePerWindowToBeRecheckedWhenItComesRound() {
            assertThat(RULES.afterAttempt(postponed(Duration.ofMinutes(5), Decision.Scope.ITEM), FRESH, WINDOW, NOW, false))
                    .isEqualTo(new Disposition.Requeue(WINDOW, null));
            assertThat(RULES.afterAttempt(postponed(Duration.ofMinutes(5), Decision.Scope.ITEM), new Delivery(1, 1, "an earlier window", null),
                    WINDOW, NOW, false)).as("put back in another window").isEqualTo(new Disposition.Requeue(WINDOW, null));
        }

        @Test
        void anItemPostponedForItsOwnReasonAgainInTheSameWindowWaitsForThePostponementsEnd() {
            Delivery requeued = new Delivery(2, 1, WINDOW, null);
            assertThat(RULES.afterAttempt(postponed(Duration.ofMinutes(5), Decision.Scope.ITEM), requeued, WINDOW, NOW, false))
                    .as("too long to hold its group: a copy at the back that carries its time, and its attempt")
                    .isEqualTo(new Disposition.Requeue(WINDOW, NOW.plus(Duration.ofMinutes(5))));
            assertThat(RULES.afterAttempt(postponed(Duration.ofSeconds(30), Decision.Scope.ITEM), requeued, WINDOW, NOW, false))
                    .isEqualTo(new Disposition.Defer(Duration.ofSeconds(30)));
        }

        @Test
        void anItemPostponedForTheWholeClusterWaitsWithoutGoingToTheBackFirst() {
            assertThat(RULES.afterAttempt(postponed(Duration.ofSeconds(30), Decision.Scope.CLUSTER), FRESH, WINDOW, NOW, false))
                    .isEqualTo(new Disposition.Defer(Duration.ofSeconds(30)));
            assertThat(RULES.afterAttempt(postponed(Duration.ofMinutes(5), Decision.Scope.CLUSTER), FRESH, WINDOW, NOW, false))
                    .isEqualTo(new Disposition.Requeue(null, NOW.plus(Duration.ofMinutes(5))));
        }
    }

    @Nested
    class BeforeAnAttempt {

        private final Instant opening = NOW.plus(Duration.ofHours(1));

        @Test
        void inAnOpenWindowAnItemIsAttempted() {
            assertThat(RULES.beforeAttempt(FRESH, true, false, opening, NOW, false)).isEmpty();
        }

        @Test
        void outsideItsWindowAnItemWaitsForTheOpening() {
            assertThat(RULES.beforeAttempt(FRESH, false, false, opening, NOW, false)).contains(new Disposition.Requeue(null, opening));
        }

        @Test
        void outsideItsWindowAnUrgentItemIsAttemptedWhereUrgentItemsMayRun() {
            assertThat(RULES.beforeAttempt(FRESH, false, true, opening, NOW, false)).isEmpty();
        }

        @Test
        void anItemWhoseTimeIsAheadWaitsEvenInAnOpenWindow() {
            Instant notBefore = NOW.plus(Duration.ofMinutes(5));
            assertThat(RULES.beforeAttempt(new Delivery(1, 1, WINDOW, notBefore), true, false, opening, NOW, false))
                    .as("back at notBefore - 2 min").contains(new Disposition.Defer(Duration.ofMinutes(1)));
        }

        @Test
        void anItemWhoseTimeHasComeIsAttempted() {
            assertThat(RULES.beforeAttempt(new Delivery(1, 2, null, NOW), true, false, opening, NOW, false)).isEmpty();
            assertThat(RULES.beforeAttempt(new Delivery(1, 2, null, NOW.minusSeconds(1)), true, false, opening, NOW, false)).isEmpty();
        }
    }

    @Nested
    class Waiting {

        private final Instant later = NOW.plus(Duration.ofHours(5));

        @Test
        void aShortWaitAtTheFirstReceiveIsSpentInFlight() {
            assertThat(RULES.waitUntil(NOW.plus(HOLD), FRESH, NOW, false)).isEqualTo(new Disposition.Defer(HOLD));
            assertThat(RULES.waitUntil(NOW.minusSeconds(5), FRESH, NOW, false)).as("already over").isEqualTo(new Disposition.Defer(Duration.ZERO));
        }

        @Test
        void aLongWaitNotYetCarriedByTheMessageGoesToTheBackAsACopyThatCarriesIt() {
            assertThat(RULES.waitUntil(later, FRESH, NOW, false)).isEqualTo(new Disposition.Requeue(null, later));
            assertThat(RULES.waitUntil(later, new Delivery(2, 1, WINDOW, NOW.plusSeconds(1)), NOW, false))
                    .as("a different wait; the window it was put back in is kept").isEqualTo(new Disposition.Requeue(WINDOW, later));
        }

        @Test
        void aCopyCarryingItsWaitHoldsItsGroupAtMostTheHoldAtItsFirstReceive() {
            assertThat(RULES.waitUntil(later, new Delivery(1, 1, null, later), NOW, false)).isEqualTo(new Disposition.Defer(HOLD));
        }

        @Test
        void deferralsEndOnAGridCountedBackFromTheEndOfTheWaitSoItemsWaitingForTheSameTimeComeBackTogether() {
            Delivery carrying = new Delivery(1, 1, null, later);
            assertThat(RULES.waitUntil(later, carrying, NOW.plusSeconds(50), false)).isEqualTo(new Disposition.Defer(Duration.ofSeconds(70)));
            assertThat(RULES.waitUntil(later, carrying, NOW.plusSeconds(100), false)).isEqualTo(new Disposition.Defer(Duration.ofSeconds(20)));
            assertThat(RULES.waitUntil(later, carrying, NOW.plusMillis(119_999), false)).isEqualTo(new Disposition.Defer(Duration.ofMillis(1)));
        }

        @Test
        void behindAnotherMessageOfTheBatchThatHoldsTheGroupAWaitingItemGoesToTheBackInsteadOfBeingDeferredToo() {
            assertThat(RULES.waitUntil(later, new Delivery(1, 1, null, later), NOW, true)).isEqualTo(new Disposition.Requeue(null, later));
            assertThat(RULES.waitUntil(NOW.plusSeconds(10), FRESH, NOW, true)).as("even a short wait")
                    .isEqualTo(new Disposition.Requeue(null, NOW.plusSeconds(10)));
            assertThat(RULES.beforeAttempt(FRESH, false, false, later, NOW, true)).contains(new Disposition.Requeue(null, later));
            assertThat(RULES.afterAttempt(postponed(Duration.ofSeconds(30), Decision.Scope.CLUSTER), FRESH, WINDOW, NOW, true))
                    .isEqualTo(new Disposition.Requeue(null, NOW.plusSeconds(30)));
        }

        @Test
        void aWaitingMessageReceivedAgainGoesToTheBackSoNoMessageIsReceivedAThirdTime() {
            assertThat(RULES.waitUntil(later, new Delivery(1, 2, null, later), NOW, false)).isEqualTo(new Disposition.Requeue(null, later));
            assertThat(RULES.waitUntil(NOW.plusSeconds(10), new Delivery(1, 2, WINDOW, null), NOW, false))
                    .as("even a short wait").isEqualTo(new Disposition.Requeue(WINDOW, NOW.plusSeconds(10)));
        }
    }

    @Test
    void aDeliveryKnowsTheWaitItCarries() {
        assertThat(new Delivery(1, 1, null, NOW).waitsFor(NOW)).isTrue();
        assertThat(new Delivery(1, 1, null, NOW).waitsFor(NOW.plusSeconds(1))).isFalse();
        assertThat(FRESH.waitsFor(NOW)).isFalse();
    }
}
