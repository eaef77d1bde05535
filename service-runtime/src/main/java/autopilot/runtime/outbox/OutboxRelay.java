package autopilot.runtime.outbox;

import autopilot.runtime.metrics.MetricNames;
import autopilot.runtime.state.StateStoreException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.sql.DataSource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sends the outbox in order through the service's {@link OutboxSender}, one event per transaction:
 * the row is claimed ({@code FOR UPDATE SKIP LOCKED}, so several instances never send the same row at
 * once), sent, deleted and committed before the next one is claimed. A crash therefore repeats at most
 * the one event that was in flight (at least once; subscribers deduplicate by eventId, the FIFO queue by
 * deduplication id). Runs after each unit of work (the service calls {@link #drain()}) and on a timer
 * ({@code autopilot.outbox.interval}, off unless a service sets it), so events held back by an outage
 * go out as soon as AWS answers again. Only a service that has an outbox table and an
 * {@link OutboxSender} bean turns the relay on, at build time ({@code autopilot.outbox.enabled=true});
 * the others (whose datasource may even be inactive) never see it.
 */
@ApplicationScoped
@IfBuildProperty(name = "autopilot.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private static final String CLAIM = "SELECT id, destination, cluster_id, event_type, severity, category, deduplication_id, "
            + "body FROM outbox ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED";

    private final DataSource state;
    private final Supplier<OutboxSender> sender;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();

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

    /** Sends what is waiting until the outbox is empty or AWS refuses; returns the number of events sent. */
    public int drain() {
        OutboxSender to = sender.get();
        if (to == null) {
            throw new IllegalStateException("the outbox relay has no OutboxSender to send with");
        }
        if (!running.compareAndSet(false, true)) return 0;
        int sent = 0;
        try {
            while (sendOne(to)) sent++;
        } catch (SQLException e) {
            Log.warnf("Outbox: state store unavailable (%s); retrying on the next tick", e.getMessage());
        } catch (SdkException e) {
            registry.counter(MetricNames.OUTBOX_FAILURES).increment();
            Log.warnf("Outbox: AWS refused or is unreachable (%s); %d sent, the rest waits for the next tick", e.getMessage(), sent);
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

    /** Claims, sends and deletes the oldest unclaimed event in one transaction; false when none is left. */
    private boolean sendOne(OutboxSender to) throws SQLException {
        try (Connection c = state.getConnection()) {
            c.setAutoCommit(false);
            try {
                OutboxEvent event = claim(c);
                if (event == null) {
                    c.commit();
                    return false;
                }
                to.send(event);
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                    delete.setLong(1, event.id());
                    delete.executeUpdate();
                }
                c.commit();
                registry.counter(MetricNames.OUTBOX_SENT, "destination", event.destination(), "event_type", event.eventType())
                        .increment();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static OutboxEvent claim(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return null;
            return new OutboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8));
        }
    }
}
