package autopilot.alerting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.MaintenanceSkipped;
import autopilot.events.TableRef;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PrometheusText;
import autopilot.testsupport.QueueProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(autopilot.testsupport.PostgresTestResource.class)
class InboxChannelTest {

    private static final Map<String, String> CONSUMED = Map.of("channel", "alerting-inbox", "event_type", "MaintenanceSkipped");
    private final Moto moto = Moto.shared();
    private final EventCodec codec = new EventCodec();

    private static double metric(String name, Map<String, String> labels) {
        return PrometheusText.value(given().get("/q/metrics").then().statusCode(200).extract().asString(), name, labels);
    }

    private void publish(String body) {
        moto.clients().sns().publish(b -> b.topicArn(moto.topology().recommendationsArn()).message(body));
    }

    private String outcome() {
        MaintenanceSkipped skipped = new MaintenanceSkipped(UUID.randomUUID().toString(), new TableRef("dev", "public", "t", 1L),
                MaintenanceSkipped.Code.NO_LONGER_NEEDED, "unsorted is below the threshold");
        return codec.encode(EventEnvelope.create("c1", "maintenance-service", skipped, Clock.systemUTC()));
    }

    @Test
    void reportsReadyWhenItsChannelsAnswer() {
        String health = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(health).contains("autopilot-alerting-inbox").contains("cloudwatch").contains("\"UP\"");
    }

    @Test
    void consumesAnEventPublishedToTheRecommendationsTopic() {
        double before = metric("autopilot_events_consumed_total", CONSUMED);
        publish(outcome());
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("autopilot_events_consumed_total", CONSUMED) >= before + 1);
    }

    @Test
    void malformedEventEndsInTheDlqWhileTheNextGoodOneIsProcessed() {
        double before = metric("autopilot_events_consumed_total", CONSUMED);
        String poison = "{\"eventType\":\"MaintenanceSkipped\",\"schemaVersion\":7,\"id\":\"" + UUID.randomUUID() + "\"}";
        publish(poison);
        publish(outcome());
        await().atMost(Duration.ofSeconds(30)).until(() -> metric("autopilot_events_consumed_total", CONSUMED) >= before + 1);
        QueueProbe dlq = new QueueProbe(moto.clients().sqs(), moto.topology().alertingInboxDlqUrl());
        assertThat(dlq.awaitMessage(m -> m.body().equals(poison), Duration.ofSeconds(45))).isPresent();
        assertThat(metric("autopilot_events_rejected_total",
                Map.of("channel", "alerting-inbox", "reason", "UnsupportedSchemaVersion"))).isGreaterThanOrEqualTo(2.0);
    }
}
