package autopilot.maintenance.state;

import autopilot.events.MessageAttributes;
import autopilot.maintenance.config.MaintenanceConfig;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes outbox rows to the recommendations topic in order (attributes {@code eventType} and
 * {@code cluster} for subscription filters) and deletes each once SNS accepted it. Runs after every
 * outcome and on a timer, so events held back by an SNS outage or a crash go out as soon as SNS
 * answers again (at least once; subscribers deduplicate by eventId). Rows are claimed with SKIP
 * LOCKED, so several instances never send the same row concurrently.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 100;

    private final AgroalDataSource state;
    private final SnsClient sns;
    private final MaintenanceConfig config;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();

    OutboxRelay(AgroalDataSource state, SnsClient sns, MaintenanceConfig config, MeterRegistry registry) {
        this.state = state;
        this.sns = sns;
        this.config = config;
        this.registry = registry;
    }

    @Scheduled(every = "${autopilot.maintenance.outbox-interval:PT2S}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        drain();
    }

    /** Sends what is waiting; returns the number of events sent. */
    public int drain() {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        int sent = 0;
        try {
            int batch;
            do {
                batch = drainBatch();
                sent += batch;
            } while (batch == BATCH);
        } catch (SQLException e) {
            Log.warnf("Outbox: state store unavailable (%s); retrying on the next tick", e.getMessage());
        } catch (SdkException e) {
            registry.counter("autopilot.maintenance.outbox.failures").increment();
            Log.warnf("Outbox: SNS refused or is unreachable (%s); %d sent, the rest waits for the next tick", e.getMessage(), sent);
        } finally {
            running.set(false);
        }
        return sent;
    }

    /** Outcome events recorded but not yet published (all instances). */
    public int waiting() {
        try (Connection c = state.getConnection()) {
            return Outbox.waiting(c);
        } catch (SQLException e) {
            throw new WorkRuns.StateStoreException("Counting the outbox", e);
        }
    }

    private int drainBatch() throws SQLException {
        int sent = 0;
        try (Connection c = state.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, cluster_id, event_type, body FROM outbox ORDER BY id LIMIT "
                    + BATCH + " FOR UPDATE SKIP LOCKED");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM outbox WHERE id = ?");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        publish(rs.getString(2), rs.getString(3), rs.getString(4));
                    } catch (SdkException e) {
                        c.commit(); // what was sent stays deleted; the failed row waits
                        throw e;
                    }
                    delete.setLong(1, rs.getLong(1));
                    delete.executeUpdate();
                    sent++;
                }
            }
            c.commit();
        }
        return sent;
    }

    private void publish(String clusterId, String eventType, String body) {
        sns.publish(b -> b.topicArn(config.recommendationsTopicArn()).message(body).messageAttributes(Map.of(
                MessageAttributes.EVENT_TYPE, text(eventType),
                MessageAttributes.CLUSTER, text(clusterId))));
        registry.counter("autopilot.maintenance.events.published", "event_type", eventType).increment();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
