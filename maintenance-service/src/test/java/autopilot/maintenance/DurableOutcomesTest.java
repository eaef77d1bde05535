package autopilot.maintenance;

import static autopilot.maintenance.WorkItemsFixture.item;
import static autopilot.maintenance.WorkItemsFixture.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceRequested;
import autopilot.events.MaintenanceSkipped;
import autopilot.events.VacuumSpec;
import autopilot.events.VacuumSpec.Variant;
import autopilot.sim.maintenance.MaintenanceRun;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoServer;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Outcomes are recorded with their run in PostgreSQL and published from an outbox: SNS down (moto
 * stopped) while a VACUUM runs delays the outcome event and loses nothing; moto comes back empty, so
 * the event that arrives can only have come from the service's outbox. The same work re-delivered
 * afterwards is skipped as DUPLICATE from the recorded run, without touching the cluster.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SimClustersResource.class)
class DurableOutcomesTest {

    @Inject
    AgroalDataSource state;

    private static JsonPath status() {
        return given().get("/api/v1/maintenance").then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> recent(JsonPath status, String workItemId) {
        return status.getList("clusters.find { it.clusterId == 'durable' }.recent.findAll { it.workItemId == '" + workItemId + "' }");
    }

    private static long sortsDone() {
        return SimClustersResource.durable.maintenanceRuns().stream()
                .filter(r -> r.statement().contains("clicks_archive") && r.outcome().equals("ok")).count();
    }

    @Test
    void anSnsOutageDelaysTheOutcomeAndLosesNothingAndARedeliveredItemIsADuplicate() {
        MaintenanceRequested work = item("archive", "clicks_archive", new VacuumSpec(Variant.SORT_ONLY, 99, false), null, 5, false);
        String id = send("durable", work);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                id.equals(status().getString("clusters.find { it.clusterId == 'durable' }.running.workItemId")));

        MotoServer.shared().stop(); // SNS (and SQS) gone while the ~8 s VACUUM runs
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() ->
                    recent(status(), id).stream().anyMatch(r -> "completed".equals(r.get("outcome"))));
            assertThat(status().getInt("unpublishedOutcomes")).as("the outcome waits in the outbox").isGreaterThanOrEqualTo(1);
            assertThat(recent(status(), id)).singleElement().satisfies(r ->
                    assertThat(r.get("statements")).isEqualTo("VACUUM SORT ONLY \"archive\".\"clicks_archive\" TO 99 PERCENT"));
        } finally {
            Moto.restartHolding(state, "SELECT id FROM outbox FOR UPDATE", moto -> moto);
        }

        Outcomes.Received delivered = Outcomes.await(Outcomes.of(id), 1, Duration.ofSeconds(30)).get(0);
        assertThat(delivered.event().payload()).isInstanceOfSatisfying(MaintenanceCompleted.class,
                c -> assertThat(c.after().unsortedPct()).isZero());
        await().atMost(Duration.ofSeconds(10)).until(() -> status().getInt("unpublishedOutcomes") == 0);
        assertThat(sortsDone()).isEqualTo(1);

        WorkItemsFixture.sendAgain("durable", work); // e.g. SQS re-delivers after the delete was lost in the outage
        List<Outcomes.Received> outcomes = Outcomes.await(Outcomes.of(id), 2, Duration.ofSeconds(30));
        assertThat(outcomes.get(1).event().payload()).isInstanceOfSatisfying(MaintenanceSkipped.class, s -> {
            assertThat(s.code()).isEqualTo(MaintenanceSkipped.Code.DUPLICATE);
            assertThat(s.reason()).contains(work.deduplicationId());
        });
        assertThat(outcomes.get(0).event().eventId()).isNotEqualTo(outcomes.get(1).event().eventId());
        assertThat(sortsDone()).as("the duplicate never reached the cluster").isEqualTo(1);
        assertThat(SimClustersResource.durable.maintenanceRuns()).extracting(MaintenanceRun::statement).hasSize(1);
    }
}
