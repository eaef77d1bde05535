package autopilot.maintenance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.AnalyzeSpec;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.MaintenanceRequested;
import autopilot.events.TableRef;
import autopilot.events.VacuumSpec;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.PrometheusText;
import autopilot.testsupport.QueueProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SimClustersResource.class)
class WorkChannelTest {

    private static final Map<String, String> CONSUMED = Map.of("channel", "maintenance-work", "event_type", "MaintenanceRequested");
    private final Moto moto = WorkItemsFixture.moto();
    private final EventCodec codec = new EventCodec();

    private static double metric(String name, Map<String, String> labels) {
        return PrometheusText.value(given().get("/q/metrics").then().statusCode(200).extract().asString(), name, labels);
    }

    private void send(String clusterId, String body) {
        moto.clients().sqs().sendMessage(b -> b.queueUrl(moto.topology().maintenanceWorkUrl()).messageBody(body)
                .messageGroupId(clusterId).messageDeduplicationId(UUID.randomUUID().toString()));
    }

    private String workItem(String clusterId) {
        String id = UUID.randomUUID().toString();
        MaintenanceRequested item = new MaintenanceRequested(id, "dedup-" + id, new TableRef("dev", "public", "events", 1L),
                null, new AnalyzeSpec(AnalyzeSpec.Columns.PREDICATE_COLUMNS),
                10, false, List.of(), "test", 100L);
        return codec.encode(EventEnvelope.create(clusterId, "analyzer-service", item, Clock.systemUTC()));
    }

    @Test
    void reportsReadyWhenItsChannelsAnswer() {
        String health = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(health).contains("autopilot-maintenance-work.fifo").contains("\"UP\"");
    }

    @Test
    void consumesAWorkItemSentThroughTheFifoQueue() {
        double before = metric("autopilot_events_consumed_total", CONSUMED);
        send("fast", workItem("fast"));
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("autopilot_events_consumed_total", CONSUMED) >= before + 1);
    }

    @Test
    void malformedItemEndsInTheFifoDlqWithItsReasonAndUnblocksItsClusterGroup() {
        double before = metric("autopilot_events_consumed_total", CONSUMED);
        String poison = "{\"eventType\":\"MaintenanceRequested\",\"schemaVersion\":1,\"note\":\"" + UUID.randomUUID() + "\"}";
        send("fast", poison);
        send("fast", workItem("fast"));

        QueueProbe dlq = new QueueProbe(moto.clients().sqs(), moto.topology().maintenanceWorkDlqUrl());
        assertThat(dlq.awaitMessage(m -> m.body().equals(poison), Duration.ofSeconds(45)))
                .hasValueSatisfying(m -> assertThat(m.messageAttributes().get("reason").stringValue()).contains("schema"));
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("autopilot_events_consumed_total", CONSUMED) >= before + 1);
        assertThat(metric("autopilot_events_rejected_total", Map.of("channel", "maintenance-work", "reason", "Invalid")))
                .isGreaterThanOrEqualTo(1.0);
    }
}
