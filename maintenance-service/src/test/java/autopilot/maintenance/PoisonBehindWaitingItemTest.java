package autopilot.maintenance;

import static autopilot.maintenance.WorkItemsFixture.item;
import static autopilot.maintenance.WorkItemsFixture.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.AnalyzeSpec;
import autopilot.events.MaintenanceSkipped;
import autopilot.maintenance.queue.WorkQueue;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.PrometheusText;
import autopilot.testsupport.QueueProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Poison behind an item that must wait. SQS hands out no message of a FIFO group while another of
 * it is in flight, so an item left invisible until its window opens (hours) kept every later
 * message of its cluster's group, malformed ones included, from even being received. The item
 * here waits for the {@code closed} cluster's window (eleven hours away at least); the malformed
 * bodies sent behind it must still reach the DLQ with their reason at once, and the item must
 * still wait for its window and then run.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SimClustersResource.class)
class PoisonBehindWaitingItemTest {

    private static final String CLUSTER = "closed";
    private static final Map<String, String> WINDOW_CLOSED = Map.of("cluster", CLUSTER, "reason", "WINDOW_CLOSED");

    private static double metric(String name, Map<String, String> labels) {
        return PrometheusText.value(given().get("/q/metrics").then().statusCode(200).extract().asString(), name, labels);
    }

    /** Malformed in two ways: not JSON at all, and a work item that breaks its schema. */
    private static String poison(int i) {
        String note = UUID.randomUUID().toString();
        return i % 2 == 0 ? "{not json " + note : "{\"eventType\":\"MaintenanceRequested\",\"schemaVersion\":1,\"note\":\"" + note + "\"}";
    }

    @Test
    void poisonBehindAnItemWaitingForItsWindowReachesTheDlqAtOnceAndTheItemStillWaitsForItsWindow() {
        Moto moto = WorkItemsFixture.moto();
        String waiting = send(CLUSTER, item("public", "customers", null, new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 5, false));
        // The poison goes in only once the item has been seen waiting, so it is behind the item in the group.
        await().atMost(Duration.ofSeconds(20)).until(() -> metric("autopilot_maintenance_deferred_total", WINDOW_CLOSED) >= 1);

        List<String> bodies = IntStream.range(0, 16).mapToObj(PoisonBehindWaitingItemTest::poison).toList();
        for (String body : bodies) {
            moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().maintenanceWorkUrl()).messageBody(body)
                    .messageGroupId(CLUSTER).messageDeduplicationId(UUID.randomUUID().toString()));
        }
        Instant sent = Instant.now();

        // Visibility is 3 s here: the item may hold its group that long at a time, never until its window opens.
        QueueProbe dlq = new QueueProbe(moto.clients().sqs(), moto.topology().maintenanceWorkDlqUrl());
        Map<String, Message> dead = new ConcurrentHashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            dlq.collect(Duration.ofMillis(1)).forEach(m -> dead.put(m.body(), m));
            assertThat(dead.keySet()).as("poison in the DLQ").containsAll(bodies);
        });
        assertThat(Duration.between(sent, Instant.now())).as("all 16 dead-lettered well within one long wait").isLessThan(Duration.ofSeconds(30));
        for (int i = 0; i < bodies.size(); i++) {
            Message m = dead.get(bodies.get(i));
            assertThat(m.messageAttributes().get(WorkQueue.ERROR_CLASS).stringValue()).isEqualTo(i % 2 == 0 ? "Malformed" : "Invalid");
            assertThat(m.messageAttributes().get(WorkQueue.REASON).stringValue()).contains(i % 2 == 0 ? "not valid JSON" : "breaks its schema");
        }
        assertThat(dead.values()).as("the waiting item is not dead-lettered").noneMatch(m -> m.body().contains(waiting));

        // Still waiting as before: counted once as deferred for its closed window, nothing published for it.
        assertThat(metric("autopilot_maintenance_deferred_total", WINDOW_CLOSED)).isEqualTo(1.0);
        assertThat(Outcomes.matching(Outcomes.of(waiting))).isEmpty();

        ShiftedClock.shift(Duration.between(Instant.now(), SimClustersResource.CLOSED_OPENS_AT));
        try {
            Outcomes.Received ran = Outcomes.await(Outcomes.of(waiting), 1, Duration.ofSeconds(30)).get(0);
            assertThat(ran.event().payload()).as("re-checked at its opening (a dry-run cluster)").isInstanceOf(MaintenanceSkipped.class);
        } finally {
            ShiftedClock.shift(Duration.ZERO);
        }
    }
}
