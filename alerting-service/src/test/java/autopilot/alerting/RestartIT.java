package autopilot.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.Finding;
import autopilot.events.Severity;
import autopilot.testsupport.AwsClients;
import autopilot.testsupport.Moto;
import autopilot.testsupport.PostgresTestResource;
import autopilot.testsupport.PrometheusText;
import autopilot.testsupport.ServiceProcess;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service killed without warning (SIGKILL, as a crashed task) and started again on the
 * same state store: a page that was gathered but not yet sent goes out from the new process, and the
 * suppression of repeats survives, since both live in PostgreSQL, not in the process.
 */
class RestartIT {

    private static final Path LOGS = Path.of("target", "restart-it");

    private static ServiceProcess start(String name, Moto moto) throws Exception {
        ServiceProcess service = ServiceProcess.ofThisModule("alerting-service", Map.of(
                        "AWS_ACCESS_KEY_ID", AwsClients.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", AwsClients.SECRET_KEY,
                        "AUTOPILOT_AWS_REGION", AwsClients.REGION, "AUTOPILOT_AWS_ENDPOINT_OVERRIDE", moto.server().endpoint().toString(),
                        "AUTOPILOT_ALERTING_PAGES_TOPIC_ARN", moto.topology().pagesArn(),
                        "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + PostgresTestResource.shared().getPort() + "/postgres",
                        "QUARKUS_DATASOURCE_USERNAME", "postgres"),
                // Pages wait for 6 s of quiet: long enough to kill the process while one is gathered.
                List.of("-Dautopilot.alerting.paging.quiet-period=PT6S", "-Dautopilot.alerting.paging.max-hold=PT30S",
                        "-Dmp.messaging.connector.smallrye-sqs.wait-time-seconds=1"),
                LOGS.resolve(name)).start();
        service.awaitReady(Duration.ofSeconds(90));
        return service;
    }

    private static double consumedRaises(ServiceProcess service) throws Exception {
        return PrometheusText.value(service.get("/q/metrics").body(), "autopilot_events_consumed_total", Map.of("event_type", "FindingRaised"));
    }

    @Test
    void aKilledInstanceLosesNoGatheredPageAndItsSuccessorStillSuppressesRepeats() throws Exception {
        Moto moto = Moto.shared();
        String cluster = TestEvents.newCluster("restart");
        PagesProbe pages = PagesProbe.forCluster(moto, cluster);
        Finding sales = TestEvents.unsorted(cluster, "sales", Severity.CRITICAL);
        String salesRaised = TestEvents.raised(cluster, sales);

        ServiceProcess first = start("first", moto);
        try {
            TestEvents.publish(moto, salesRaised);
            assertThat(pages.awaitAndCollect(Duration.ofSeconds(60), Duration.ofSeconds(1))).extracting(PagesProbe.Page::subject)
                    .containsExactly("[CRITICAL] " + cluster + ": Table public.sales is 63% unsorted");

            TestEvents.publish(moto, TestEvents.raised(cluster, TestEvents.unsorted(cluster, "orders", Severity.CRITICAL)));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> consumedRaises(first) >= 2);
        } finally {
            first.kill(); // the orders page is gathered (committed) but waits for the quiet period
        }
        assertThat(pages.collect(Duration.ofSeconds(1))).as("nothing was sent before the kill").isEmpty();

        ServiceProcess second = start("second", moto);
        try {
            TestEvents.publish(moto, salesRaised); // SQS delivers the same event again: applied once
            TestEvents.publish(moto, TestEvents.updated(cluster, sales, Severity.CRITICAL)); // a repeat inside the window
            List<PagesProbe.Page> afterRestart = new ArrayList<>(pages.awaitAndCollect(Duration.ofSeconds(60), Duration.ofSeconds(10)));
            assertThat(afterRestart).extracting(PagesProbe.Page::subject)
                    .containsExactly("[CRITICAL] " + cluster + ": Table public.orders is 63% unsorted");

            JsonPath alerts = JsonPath.from(second.get("/api/v1/alerts?cluster=" + cluster).body());
            assertThat(alerts.getList("suppressed.fingerprint", String.class)).containsExactly(sales.fingerprint());
            assertThat(alerts.getList("suppressed.eventType", String.class)).containsExactly("FindingUpdated");
            assertThat(alerts.getList("pages.page.subject", String.class)).hasSize(2);
        } finally {
            second.close();
        }
    }
}
