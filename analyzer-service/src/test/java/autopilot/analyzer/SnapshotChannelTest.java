package autopilot.analyzer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.ClusterKind;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.SnapshotPartCollected;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PrometheusText;
import autopilot.testsupport.QueueProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(autopilot.testsupport.PostgresTestResource.class)
class SnapshotChannelTest {

    private final Moto moto = Moto.shared();
    private final EventCodec codec = new EventCodec();

    @Inject
    DataSource state;

    private static double metric(String name, Map<String, String> labels) {
        return PrometheusText.value(given().get("/q/metrics").then().statusCode(200).extract().asString(), name, labels);
    }

    private String snapshotPart(String clusterId) {
        return snapshotPart(clusterId, UUID.randomUUID());
    }

    private String snapshotPart(String clusterId, UUID snapshotId) {
        SnapshotPartCollected part = new SnapshotPartCollected(snapshotId, "table_info", ClusterKind.PROVISIONED,
                1, 1, null, null, Instant.now(), List.of("table_id", "unsorted"), List.of(List.of(100, 12.5)), List.of("table_info"));
        return codec.encode(EventEnvelope.create(clusterId, "collector-service", part, Clock.systemUTC()));
    }

    @Test
    void aRedeliveredPartIsRecognisedAndChangesNothing() {
        Map<String, String> fresh = Map.of("source", "table_info", "outcome", "new");
        Map<String, String> duplicate = Map.of("source", "table_info", "outcome", "duplicate");
        double freshBefore = metric("autopilot_analyzer_parts_total", fresh);
        double duplicateBefore = metric("autopilot_analyzer_parts_total", duplicate);
        UUID snapshot = UUID.randomUUID();
        // The same part twice, as the collector would resend it (new event id, same natural key).
        moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().snapshotsUrl()).messageBody(snapshotPart("c-dup", snapshot)));
        moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().snapshotsUrl()).messageBody(snapshotPart("c-dup", snapshot)));
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("autopilot_analyzer_parts_total", duplicate) >= duplicateBefore + 1);
        assertThat(metric("autopilot_analyzer_parts_total", fresh)).isEqualTo(freshBefore + 1);
    }

    @Test
    void servicesReportsReadyWhenItsChannelsAnswer() {
        given().get("/q/health/ready").then().statusCode(200);
        String health = given().get("/q/health/ready").then().extract().asString();
        assertThat(health).contains("aws-channels").contains("autopilot-snapshots").contains("\"UP\"");
    }

    @Test
    void consumesASnapshotPartSentThroughSqs() {
        Map<String, String> labels = Map.of("channel", "snapshots", "event_type", "SnapshotPartCollected");
        double before = metric("autopilot_events_consumed_total", labels);
        moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().snapshotsUrl()).messageBody(snapshotPart("c-consume")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> metric("autopilot_events_consumed_total", labels) >= before + 1);
    }

    @Test
    void malformedMessageEndsInTheDlqWhileTheNextGoodOneIsProcessed() {
        Map<String, String> consumed = Map.of("channel", "snapshots", "event_type", "SnapshotPartCollected");
        double consumedBefore = metric("autopilot_events_consumed_total", consumed);
        String poison = "{\"eventType\":\"SnapshotPartCollected\", this is not json " + UUID.randomUUID();

        moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().snapshotsUrl()).messageBody(poison));
        moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().snapshotsUrl()).messageBody(snapshotPart("c-after-poison")));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> metric("autopilot_events_consumed_total", consumed) >= consumedBefore + 1);
        QueueProbe dlq = new QueueProbe(moto.clients().sqs(), moto.topology().snapshotsDlqUrl());
        assertThat(dlq.awaitMessage(m -> m.body().equals(poison), Duration.ofSeconds(45)))
                .as("poison message moved to the DLQ after maxReceiveCount").isPresent();
        assertThat(metric("autopilot_events_rejected_total", Map.of("channel", "snapshots", "reason", "Malformed")))
                .isGreaterThanOrEqualTo(2.0);
    }

    /**
     * The FLEET=20 failure: a part processed for longer than the queue's visibility timeout is received again until SQS
     * moves it to the DLQ, so the delete of the first receipt handle fails. That must not end the channel: the next part
     * is consumed, the failed delete is counted, and the service stays ready.
     */
    @Test
    void aFailedAckAfterAPartOutlivedItsVisibilityDoesNotStopTheConsumer() throws Exception {
        Map<String, String> ack = Map.of("channel", "snapshots", "action", "ack");
        double ackFailuresBefore = metric("autopilot_events_settle_failures_total", ack);
        String held = snapshotPart("c-held");
        try (Connection c = state.getConnection()) {
            c.setAutoCommit(false);
            // The analyzer takes this lock before analysing c-held's complete snapshot: holding it keeps the part in processing.
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('analyzer:c-held'))")) {
                lock.execute();
            }
            moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().snapshotsUrl()).messageBody(held));
            QueueProbe dlq = new QueueProbe(moto.clients().sqs(), moto.topology().snapshotsDlqUrl());
            assertThat(dlq.awaitMessage(m -> m.body().equals(held), Duration.ofSeconds(60)))
                    .as("the held part outlived its visibility timeout until SQS moved it to the DLQ").isPresent();
            c.rollback();
        }
        moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().snapshotsUrl()).messageBody(snapshotPart("c-after-held")));
        await().atMost(Duration.ofSeconds(30)).until(() -> analysed("c-after-held"));
        assertThat(metric("autopilot_events_settle_failures_total", ack)).isGreaterThanOrEqualTo(ackFailuresBefore + 1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private boolean analysed(String clusterId) throws Exception {
        try (Connection c = state.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM analyzed_snapshot WHERE cluster_id = ?")) {
            ps.setString(1, clusterId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }
}
