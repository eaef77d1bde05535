package autopilot.analyzer.publish;

import autopilot.analyzer.config.AnalyzerConfig;
import autopilot.events.MessageAttributes;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends outbox rows in order and deletes each once SNS/SQS accepted it. Runs after every analysis
 * and on a timer, so rows left by an outage or a crash go out as soon as AWS answers again (at
 * least once; consumers deduplicate by finding fingerprint or work-item deduplication id). Rows
 * are claimed with SKIP LOCKED, so several instances never send the same row concurrently.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final int BATCH = 100;

    private final AgroalDataSource state;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final AnalyzerConfig config;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile String maintenanceQueueUrl;

    OutboxRelay(AgroalDataSource state, SnsClient sns, SqsClient sqs, AnalyzerConfig config, MeterRegistry registry) {
        this.state = state;
        this.sns = sns;
        this.sqs = sqs;
        this.config = config;
        this.registry = registry;
    }

    @Scheduled(every = "${autopilot.analyzer.outbox-interval:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        drain();
    }

    /** Sends what is waiting; returns the number of events sent. */
    public int drain() {
        if (!running.compareAndSet(false, true)) return 0;
        int sent = 0;
        try {
            while (true) {
                int batch = drainBatch();
                sent += batch;
                if (batch < BATCH) break;
            }
        } catch (SQLException e) {
            Log.warnf("Outbox: state store unavailable (%s); retrying on the next tick", e.getMessage());
        } catch (SdkException e) {
            registry.counter("autopilot.analyzer.outbox.failures").increment();
            Log.warnf("Outbox: AWS refused or is unreachable (%s); %d sent, the rest waits for the next tick", e.getMessage(), sent);
        } finally {
            running.set(false);
        }
        return sent;
    }

    private int drainBatch() throws SQLException {
        int sent = 0;
        try (Connection c = state.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, destination, cluster_id, event_type, severity, category, "
                    + "deduplication_id, body FROM outbox ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        try {
                            send(rs);
                        } catch (SdkException e) {
                            c.commit(); // keep what was sent deleted; the failed row stays
                            throw e;
                        }
                        delete.setLong(1, rs.getLong(1));
                        delete.executeUpdate();
                        sent++;
                    }
                }
            }
            c.commit();
        }
        return sent;
    }

    private void send(ResultSet rs) throws SQLException {
        String destination = rs.getString(2);
        String clusterId = rs.getString(3);
        String eventType = rs.getString(4);
        String body = rs.getString(8);
        String deduplicationId = rs.getString(7);
        if (Outbox.Destination.MAINTENANCE.name().equals(destination)) {
            sqs.sendMessage(b -> b.queueUrl(maintenanceQueueUrl()).messageBody(body).messageGroupId(clusterId)
                    .messageDeduplicationId(deduplicationId).messageAttributes(Map.of(
                            MessageAttributes.EVENT_TYPE, sqsText(eventType), MessageAttributes.CLUSTER, sqsText(clusterId))));
            registry.counter("autopilot.analyzer.work.items.sent", "cluster", clusterId).increment();
            return;
        }
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put(MessageAttributes.EVENT_TYPE, snsText(eventType));
        attributes.put(MessageAttributes.CLUSTER, snsText(clusterId));
        String severity = rs.getString(5);
        String category = rs.getString(6);
        if (severity != null) attributes.put(MessageAttributes.SEVERITY, snsText(severity));
        if (category != null) attributes.put(MessageAttributes.CATEGORY, snsText(category));
        sns.publish(b -> b.topicArn(config.recommendationsTopicArn()).message(body).messageAttributes(attributes));
        registry.counter("autopilot.analyzer.events.published", "event_type", eventType).increment();
    }

    private String maintenanceQueueUrl() {
        if (maintenanceQueueUrl == null) {
            maintenanceQueueUrl = sqs.getQueueUrl(b -> b.queueName(config.maintenanceQueue())).queueUrl();
        }
        return maintenanceQueueUrl;
    }

    private static MessageAttributeValue snsText(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static software.amazon.awssdk.services.sqs.model.MessageAttributeValue sqsText(String value) {
        return software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
