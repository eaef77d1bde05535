package autopilot.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.events.EventCodec;
import autopilot.events.ClusterHealthReported;
import autopilot.testsupport.PostgresTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The relay against a real PostgreSQL outbox table, with senders that record, refuse or die. */
class OutboxRelayTest {

    private final DataSource db = PostgresTestResource.shared().getPostgresDatabase();
    private final Outbox outbox = new Outbox(new EventCodec(), Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void freshTable() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS outbox");
            s.execute("CREATE TABLE outbox (id bigserial PRIMARY KEY, destination text NOT NULL, cluster_id text NOT NULL, "
                    + "event_type text NOT NULL, severity text, category text, deduplication_id text, body text NOT NULL, "
                    + "created_at timestamptz NOT NULL)");
        }
    }

    @Test
    void sendsEveryEventOnceInOrderAndEmptiesTheOutbox() throws SQLException {
        add(5);
        List<OutboxEvent> sent = new ArrayList<>();
        OutboxRelay relay = new OutboxRelay(db, () -> sent::add, registry);

        assertThat(relay.drain()).isEqualTo(5);
        assertThat(sent).extracting(OutboxEvent::clusterId).containsExactly("c0", "c1", "c2", "c3", "c4");
        assertThat(sent.get(2).severity()).isEqualTo("WARNING");
        assertThat(sent.get(2).deduplicationId()).isEqualTo("dedup-2");
        assertThat(new EventCodec().decode(sent.get(0).body()).clusterId()).isEqualTo("c0");
        assertThat(relay.waiting()).isZero();
        assertThat(registry.counter("autopilot.outbox.sent", "destination", "TOPIC", "event_type", "ClusterHealthReported").count())
                .isEqualTo(5.0);
    }

    @Test
    void anAwsRefusalKeepsTheRefusedEventAndEverythingAfterIt() throws SQLException {
        add(4);
        List<String> sent = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        OutboxRelay relay = new OutboxRelay(db, () -> event -> {
            if (event.clusterId().equals("c2") && down.getAndSet(false)) throw SdkClientException.create("SNS unreachable");
            sent.add(event.clusterId());
        }, registry);

        assertThat(relay.drain()).isEqualTo(2);
        assertThat(relay.waiting()).isEqualTo(2);
        assertThat(registry.counter("autopilot.outbox.failures").count()).isEqualTo(1.0);

        assertThat(relay.drain()).isEqualTo(2);
        assertThat(sent).containsExactly("c0", "c1", "c2", "c3");
    }

    @Test
    void aCrashAfterSendingRepeatsOnlyTheClaimInFlight() throws SQLException {
        add(25);
        List<String> seen = new ArrayList<>();
        // The sender hands c10..c13 to AWS and then the process "dies" before the relay commits the second claim.
        OutboxRelay dying = new OutboxRelay(db, () -> event -> {
            seen.add(event.clusterId());
            if (event.clusterId().equals("c13")) throw new IllegalStateException("process killed");
        }, registry);
        assertThatThrownBy(dying::drain).hasMessage("process killed");

        OutboxRelay restarted = new OutboxRelay(db, () -> event -> seen.add(event.clusterId()), registry);
        assertThat(restarted.drain()).isEqualTo(15);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 13; i++) expected.add("c" + i);
        for (int i = 10; i < 25; i++) expected.add("c" + i); // only the claim in flight (c10..c19) comes again
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void eventsGoOutInBatchesOfOneDestinationAndBoundedSize() throws SQLException {
        add(12);
        List<List<String>> calls = new ArrayList<>();
        OutboxRelay relay = new OutboxRelay(db, () -> batchesOnly(batch -> {
            calls.add(batch.stream().map(OutboxEvent::clusterId).toList());
            return OutboxSender.Sent.all(batch);
        }), registry);
        assertThat(relay.drain()).isEqualTo(12);
        assertThat(calls).containsExactly(List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"), List.of("c10", "c11"));

        String big = "x".repeat(OutboxRelay.BATCH_BYTES / 2);
        List<OutboxEvent> mixed = List.of(event(1, "TOPIC", "a"), event(2, "QUEUE", "b"), event(3, "QUEUE", big), event(4, "QUEUE", big),
                event(5, "QUEUE", "c"), event(6, "TOPIC", "d"));
        assertThat(OutboxRelay.batches(mixed)).extracting(batch -> batch.stream().map(OutboxEvent::id).toList())
                .containsExactly(List.of(1L), List.of(2L, 3L), List.of(4L, 5L), List.of(6L));
    }

    @Test
    void aBatchAwsTookInPartLeavesOnlyTheRefusedEvents() throws SQLException {
        add(5);
        List<String> sent = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean refuse = new java.util.concurrent.atomic.AtomicBoolean(true);
        OutboxRelay relay = new OutboxRelay(db, () -> batchesOnly(batch -> {
            // As PublishBatch answers: c1 and c3 failed, the others were published.
            List<OutboxEvent> taken = batch.stream().filter(e -> !refuse.get() || !List.of("c1", "c3").contains(e.clusterId())).toList();
            taken.forEach(e -> sent.add(e.clusterId()));
            return new OutboxSender.Sent(taken.stream().map(OutboxEvent::id).toList(), taken.size() < batch.size() ? "InternalError" : null);
        }), registry);
        assertThat(relay.drain()).isEqualTo(3);
        assertThat(relay.waiting()).isEqualTo(2);
        refuse.set(false);
        assertThat(relay.drain()).isEqualTo(2);
        assertThat(sent).containsExactly("c0", "c2", "c4", "c1", "c3");
    }

    @Test
    void twoInstancesDrainingAtOnceNeverSendTheSameEvent() throws Exception {
        add(200);
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<Integer>> counts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            OutboxRelay relay = new OutboxRelay(db, () -> event -> sent.add(event.clusterId()), registry);
            counts.add(pool.submit(() -> {
                start.await();
                return relay.drain();
            }));
        }
        start.countDown();
        int total = 0;
        for (var count : counts) total += count.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(total).isEqualTo(200);
        assertThat(sent).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void aTimerWithoutASenderIsAConfigurationError() {
        OutboxRelay relay = new OutboxRelay(db, () -> null, registry);
        assertThatThrownBy(relay::drain).hasMessageContaining("no OutboxSender");
    }

    /** A sender that only takes batches, as the services' senders do. */
    private static OutboxSender batchesOnly(java.util.function.Function<List<OutboxEvent>, OutboxSender.Sent> batches) {
        return new OutboxSender() {
            @Override
            public void send(OutboxEvent event) {
                throw new AssertionError("the relay sends batches");
            }

            @Override
            public Sent sendBatch(List<OutboxEvent> batch) {
                return batches.apply(batch);
            }
        };
    }

    private static OutboxEvent event(long id, String destination, String body) {
        return new OutboxEvent(id, destination, "c", "ClusterHealthReported", null, null, null, body);
    }

    private void add(int n) throws SQLException {
        try (Connection c = db.getConnection()) {
            for (int i = 0; i < n; i++) {
                outbox.add(c, "TOPIC", "c" + i, "test", new ClusterHealthReported(new UUID(0, i), Instant.parse("2026-12-07T09:00:00Z"),
                                null, null, null, null, null, Map.of(), null, null, null, null, null, null, null, null, null, null, null, null, null),
                        new Outbox.Attributes(i == 2 ? "WARNING" : null, null, "dedup-" + i));
            }
        }
    }
}
