package autopilot.runtime.outbox;

import autopilot.runtime.metrics.MetricNames;
import autopilot.runtime.state.StateStoreException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.sql.DataSource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sends the outbox in order through the service's {@link OutboxSender}, a batch per transaction: up to
 * {@link #BATCH_SIZE} rows are claimed ({@code FOR UPDATE SKIP LOCKED}, so several instances never send the same row
 * at once), sent in batches of one destination and at most {@link #BATCH_BYTES} of bodies (SNS PublishBatch allows
 * 256 KiB for a whole batch), the rows AWS accepted deleted, and the transaction committed before the next rows are
 * claimed. A crash therefore repeats at most the one claim in flight (at least once; subscribers deduplicate by
 * eventId, the FIFO queue by deduplication id). Runs after each unit of work (the service calls {@link #drain()}, or
 * {@link #drainSoon()} to send from a background thread) and on a timer ({@code autopilot.outbox.interval}, off
 * unless a service sets it), so events held back by an outage go out as soon as AWS answers again. Only a service
 * that has an outbox table and an {@link OutboxSender} bean turns the relay on, at build time
 * ({@code autopilot.outbox.enabled=true}); the others (whose datasource may even be inactive) never see it.
 */
@ApplicationScoped
@IfBuildProperty(name = "autopilot.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    /** Events per claim and per AWS batch call (the most SNS PublishBatch and SQS SendMessageBatch take). */
    public static final int BATCH_SIZE = 10;
    /** Body bytes per batch call: SNS PublishBatch takes 256 KiB for the whole batch; the rest is left for attributes. */
    public static final int BATCH_BYTES = 200_000;

    private static final String CLAIM = "SELECT id, destination, cluster_id, event_type, severity, category, deduplication_id, "
            + "body FROM outbox ORDER BY id LIMIT " + BATCH_SIZE + " FOR UPDATE SKIP LOCKED";

    private final DataSource state;
    private final Supplier<OutboxSender> sender;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });

    @Inject
    OutboxRelay(DataSource state, OutboxSender sender, MeterRegistry registry) {
        this(state, () -> sender, registry);
    }

    /** A relay sending with whatever {@code sender} supplies (null: the service has no sender). */
    public OutboxRelay(DataSource state, Supplier<OutboxSender> sender, MeterRegistry registry) {
        this.state = state;
        this.sender = sender;
        this.registry = registry;
    }

    @Scheduled(every = "${autopilot.outbox.interval:off}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        drain();
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }

    /**
     * Asks for a drain on the relay's own thread and returns at once, so a message consumer is not held while AWS
     * answers; requests made while one is waiting are folded into it, and one made during a drain runs after it.
     */
    public void drainSoon() {
        if (!requested.compareAndSet(false, true)) return;
        try {
            background.execute(() -> {
                requested.set(false);
                try {
                    drain();
                } catch (RuntimeException e) {
                    Log.warnf(e, "Outbox: the background drain failed; the events wait for the next drain");
                }
            });
        } catch (RejectedExecutionException e) {
            requested.set(false); // shutting down: the next start sends what is left
        }
    }

    /** Sends what is waiting until the outbox is empty or AWS refuses; returns the number of events sent. */
    public int drain() {
        OutboxSender to = sender.get();
        if (to == null) {
            throw new IllegalStateException("the outbox relay has no OutboxSender to send with");
        }
        if (!running.compareAndSet(false, true)) return 0;
        int sent = 0;
        try {
            Claimed claimed;
            do {
                claimed = sendClaim(to);
                sent += claimed.sent();
            } while (claimed.more());
        } catch (SQLException e) {
            Log.warnf("Outbox: state store unavailable (%s); retrying on the next tick", e.getMessage());
        } catch (SdkException e) {
            refused(e.getMessage(), sent);
        } finally {
            running.set(false);
        }
        return sent;
    }

    /** Events recorded but not yet sent (all instances). */
    public int waiting() {
        try (Connection c = state.getConnection()) {
            return Outbox.waiting(c);
        } catch (SQLException e) {
            throw new StateStoreException("counting the outbox", e);
        }
    }

    private record Claimed(int sent, boolean more) {
    }

    /**
     * Claims the oldest unclaimed events, sends them batch by batch, deletes what AWS accepted and commits; stops at
     * the first batch AWS refused in part or whole (the refused events stay for the next drain).
     */
    private Claimed sendClaim(OutboxSender to) throws SQLException {
        try (Connection c = state.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<OutboxEvent> events = claim(c);
                List<Long> done = new ArrayList<>();
                String refusal = null;
                try {
                    for (List<OutboxEvent> batch : batches(events)) {
                        OutboxSender.Sent result = to.sendBatch(batch);
                        done.addAll(result.accepted());
                        count(batch, result.accepted());
                        if (result.refusal() != null) {
                            refusal = result.refusal();
                            break;
                        }
                    }
                } catch (SdkException e) {
                    refusal = e.getMessage();
                }
                delete(c, done);
                c.commit();
                if (refusal != null) {
                    refused(refusal, done.size());
                    return new Claimed(done.size(), false);
                }
                return new Claimed(done.size(), events.size() == BATCH_SIZE);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Consecutive events of one destination, at most {@link #BATCH_SIZE} and {@link #BATCH_BYTES} of bodies each. */
    static List<List<OutboxEvent>> batches(List<OutboxEvent> events) {
        List<List<OutboxEvent>> batches = new ArrayList<>();
        List<OutboxEvent> current = new ArrayList<>();
        int bytes = 0;
        for (OutboxEvent event : events) {
            int size = event.body().getBytes(StandardCharsets.UTF_8).length;
            boolean fits = current.isEmpty() || (current.get(0).destination().equals(event.destination())
                    && current.size() < BATCH_SIZE && bytes + size <= BATCH_BYTES);
            if (!fits) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(event);
            bytes += size;
        }
        if (!current.isEmpty()) batches.add(current);
        return batches;
    }

    private void refused(String reason, int sent) {
        registry.counter(MetricNames.OUTBOX_FAILURES).increment();
        Log.warnf("Outbox: AWS refused or is unreachable (%s); %d sent, the rest waits for the next drain", reason, sent);
    }

    private void count(List<OutboxEvent> batch, List<Long> accepted) {
        for (OutboxEvent event : batch) {
            if (accepted.contains(event.id())) {
                registry.counter(MetricNames.OUTBOX_SENT, "destination", event.destination(), "event_type", event.eventType())
                        .increment();
            }
        }
    }

    private static void delete(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) return;
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
            delete.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            delete.executeUpdate();
        }
    }

    private static List<OutboxEvent> claim(Connection c) throws SQLException {
        List<OutboxEvent> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIM); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                events.add(new OutboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
        return events;
    }
}
