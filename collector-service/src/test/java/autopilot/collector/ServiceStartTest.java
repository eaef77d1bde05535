package autopilot.collector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import autopilot.testsupport.MotoTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(autopilot.testsupport.PostgresTestResource.class)
@QuarkusTestResource(SimClustersTestResource.class)
class ServiceStartTest {

    @Test
    void reportsReadyWhenTheSnapshotsQueueAnswers() {
        String health = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(health).contains("autopilot-snapshots").contains("\"UP\"");
    }

    @Test
    void exposesPrometheusMetrics() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("jvm_memory_used_bytes");
    }
}
