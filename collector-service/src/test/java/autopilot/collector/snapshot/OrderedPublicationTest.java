package autopilot.collector.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class OrderedPublicationTest {

    @Test
    void batchesAreSentInOrderOffTheCallersThread() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (OrderedPublication publication = new OrderedPublication("c1")) {
            publication.submit(() -> {
                await(release);
                sent.add("first on " + Thread.currentThread().getName());
            }, 10);
            publication.submit(() -> sent.add("second"), 10);
            assertThat(sent).as("the caller went on while the first batch was held").isEmpty();
            release.countDown();
            publication.awaitSent();
        }
        assertThat(sent).containsExactly("first on collector-publish-c1", "second");
    }

    @Test
    void aHandOverBeyondTheBudgetWaitsForTheBatchesBefore() {
        List<String> sent = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        // The large batch is held until the caller is seen waiting (in the second hand-over, if it waits as it must).
        Thread releaser = new Thread(() -> {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.WAITING);
            release.countDown();
        });
        try (OrderedPublication publication = new OrderedPublication("c1")) {
            publication.submit(() -> {
                await(release);
                sent.add("large");
            }, OrderedPublication.MAX_QUEUED_BYTES);
            releaser.start();
            publication.submit(() -> sent.add("next"), 1);
            assertThat(sent).as("handed over only once the large batch was sent").contains("large");
            publication.awaitSent();
        }
        assertThat(sent).containsExactly("large", "next");
    }

    @Test
    void aFailedSendFailsTheCollection() {
        try (OrderedPublication publication = new OrderedPublication("c1")) {
            publication.submit(() -> {
                throw new IllegalStateException("part 1 of queries is too large");
            }, 1);
            assertThatThrownBy(publication::awaitSent).isInstanceOf(IllegalStateException.class).hasMessage("part 1 of queries is too large");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
