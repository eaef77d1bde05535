package autopilot.alerting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.console.Links;
import autopilot.events.Finding;
import autopilot.events.Severity;
import autopilot.testsupport.Moto;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PageSnapshots;
import autopilot.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The alerting pages over real state: recommendation events published to the topic (moto) and consumed through the inbox
 * queue, paged and suppressed by the service; the pages show what {@code GET /api/v1/alerts} holds.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class AlertsConsoleTest {

    private final Moto moto = Moto.shared();

    /** The page's HTML, also saved under target/console-pages/ for a look at what people see. */
    private static String page(String path, int status) {
        return PageSnapshots.save(path, given().get(path).then().statusCode(status).contentType("text/html").extract().asString());
    }

    private static JsonPath alerts(String cluster) {
        return given().queryParam("cluster", cluster).get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void pagesSuppressedRepeatsAndOpenIncidentsOfAClusterWithTheFindingsConsoleLinks() {
        String cluster = TestEvents.newCluster("console");
        Finding plain = TestEvents.unsorted(cluster, "sales", Severity.CRITICAL);
        String link = "https://autopilot.example.com/console/findings/" + Links.segments(plain.fingerprint());
        Finding finding = plain.withLink(link);
        TestEvents.publish(moto, TestEvents.raised(cluster, finding));
        TestEvents.publish(moto, TestEvents.gap(cluster, "stl_query"));
        await().atMost(Duration.ofSeconds(60)).until(() -> alerts(cluster).getList("pages").size() == 2);
        TestEvents.publish(moto, TestEvents.updated(cluster, finding, Severity.CRITICAL)); // a repeat: suppressed
        await().atMost(Duration.ofSeconds(30)).until(() -> alerts(cluster).getList("suppressed").size() == 1);
        JsonPath api = alerts(cluster);
        String criticalId = api.getString("pages.find { it.page.severity == 'CRITICAL' }.page.pageId");
        String criticalSubject = api.getString("pages.find { it.page.severity == 'CRITICAL' }.page.subject");

        assertThat(page("/console/alerts", 200)).contains("data-cluster=\"" + cluster + "\" data-pages=\"2\"")
                .contains("data-suppressed=\"1\" data-incidents=\"2\"");

        String pages = page("/console/alerts/pages?cluster=" + cluster, 200);
        assertThat(pages).contains("<table id=\"pages\" data-total=\"2\">")
                .contains("data-page-id=\"" + criticalId + "\" data-severity=\"CRITICAL\" data-kind=\"PROBLEM\" data-cluster=\"" + cluster + "\"")
                .contains("<a class=\"console-link\" href=\"" + link + "\">finding page</a>")
                .contains("Console: <a class=\"console-link\" href=\"" + link + "\">" + link + "</a>")
                .contains("data-severity=\"WARNING\" data-kind=\"PROBLEM\"")
                .contains("<span class=\"sev sev-critical\" data-severity=\"CRITICAL\">CRITICAL</span>")
                .contains("<time class=\"when\"");

        String warnings = page("/console/alerts/pages?cluster=" + cluster + "&severity=warning", 200);
        assertThat(warnings).contains("data-total=\"1\"").contains("collection gap in stl_query").doesNotContain(criticalId)
                .contains("<option value=\"WARNING\" selected>");

        String first = page("/console/alerts/pages?cluster=" + cluster + "&size=1", 200);
        assertThat(first).contains("data-page=\"1\" data-pages=\"2\" data-total=\"2\"")
                .contains("href=\"/console/alerts/pages?cluster=" + cluster + "&amp;size=1&amp;page=2\"");
        assertThat(page("/console/alerts/pages?cluster=" + cluster + "&size=1&page=2", 200)).contains("rows 2–2 of 2");

        String one = page("/console/alerts/pages/" + criticalId, 200);
        assertThat(one).contains("<article id=\"page\" data-page-id=\"" + criticalId + "\"").contains(criticalSubject)
                .contains("<pre class=\"body\">").contains("VACUUM SORT ONLY &quot;public&quot;.&quot;sales&quot;;")
                .contains("href=\"" + link + "\"").contains("<code class=\"fingerprint\">" + finding.fingerprint() + "</code>");

        assertThat(page("/console/alerts/suppressed?cluster=" + cluster, 200)).contains("data-total=\"1\"")
                .contains("data-fingerprint=\"" + finding.fingerprint() + "\" data-event-type=\"FindingUpdated\"");
        assertThat(page("/console/alerts/incidents?cluster=" + cluster, 200))
                .contains("<a href=\"/console/findings/" + Links.segments(finding.fingerprint()) + "\">")
                .contains("data-fingerprint=\"" + cluster + "/collection_gap/source:stl_query\"");
    }

    @Test
    void badParametersAreA400PageAndUnknownPagesA404() {
        assertThat(page("/console/alerts/pages?severity=LOUD", 400)).contains("data-status=\"400\"")
                .contains("severity must be one of [CRITICAL, WARNING, INFO], was LOUD");
        assertThat(page("/console/alerts/suppressed?page=x", 400)).contains("page must be a whole number from 1, was x");
        assertThat(page("/console/alerts/incidents?size=0", 400)).contains("size must be a whole number from 1 to 500, was 0");
        for (String id : List.of("not-a-page", UUID.randomUUID().toString())) {
            assertThat(page("/console/alerts/pages/" + id, 404)).contains("data-status=\"404\"").contains("No such page");
        }
    }
}
