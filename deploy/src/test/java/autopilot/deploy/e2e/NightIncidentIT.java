package autopilot.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import autopilot.events.EventPayload;
import autopilot.events.FindingCategory;
import autopilot.events.FindingRaised;
import autopilot.events.MessageAttributes;
import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A night on call, end to end (issue 19): the four packaged services watch redshift-sim's
 * night-incident scenario in live mode, its timeline played three times as fast (the incident ends
 * two minutes after the simulator starts instead of six). The first collection pages on-call for the
 * blocking session, the runaway query and the filling disk, each page with its figures and the
 * statement to copy; the load errors, QMR actions and commit queue are findings without a page.
 * When the incident ends, the next collections resolve the three and alerting sends their resolve
 * pages, never a second problem page.
 */
class NightIncidentIT {

    static final String CLUSTER = "night";
    /** The scenario's incident ends six minutes after the simulator starts; here after two. */
    static final double TIME_SCALE = 1.0 / 3;
    static final Duration INCIDENT = Duration.ofMinutes(2);
    static Instant simulatorStarted;
    static final Set<String> PAGED = Set.of(FindingCategory.BLOCKING_SESSION.name(), FindingCategory.RUNAWAY_QUERY.name(),
            FindingCategory.DISK_SPACE.name());

    static Pipeline system;

    @BeforeAll
    static void startSystem() throws Exception {
        simulatorStarted = Instant.now();
        system = Pipeline.startClusters("night", Map.of(CLUSTER, new Pipeline.Cluster(
                ScenarioLoader.shipped("night-incident").withTimeScale(TIME_SCALE), SimCluster.Options.defaults())), Map.of());
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (system != null) system.close();
    }

    private static String category(Message page) {
        var value = page.messageAttributes().get(MessageAttributes.CATEGORY);
        return value == null ? null : value.stringValue();
    }

    private static Map<String, Message> pagesOfKind(String kind) {
        return system.pages(CLUSTER).stream().filter(m -> kind.equals(Pipeline.pageKind(m)) && PAGED.contains(category(m)))
                .collect(Collectors.toMap(NightIncidentIT::category, m -> m, (a, b) -> a));
    }

    @Test
    void pagesForTheIncidentWithWhatToCopyThenResolvePagesWhenItEnds() throws Exception {
        Instant started = Instant.now();
        assertThat(Duration.between(simulatorStarted, started)).as("the services started too slowly to see the incident before it ends")
                .isLessThan(INCIDENT.dividedBy(2));
        assertThat(system.collect(CLUSTER)).isTrue();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> pagesOfKind("PROBLEM").keySet().equals(PAGED));
        System.out.printf("night-incident: three problem pages %d s after the first collection was asked for%n",
                Duration.between(started, Instant.now()).toSeconds());
        Map<String, Message> problems = pagesOfKind("PROBLEM");

        String blocking = problems.get(FindingCategory.BLOCKING_SESSION.name()).body();
        assertThat(blocking).contains("SELECT PG_TERMINATE_BACKEND(45001);").contains("etl_user").contains("truncate sales")
                .contains("45002").contains("45003");
        String runaway = problems.get(FindingCategory.RUNAWAY_QUERY.name()).body();
        assertThat(runaway).contains("CANCEL 45010;").contains("analyst").contains("web_sessions");
        String disk = problems.get(FindingCategory.DISK_SPACE.name()).body();
        assertThat(disk).contains("max_node_used_pct = 9").contains("(threshold 90 %)").contains("node 0: ").contains("node 1: ");

        // Findings that do not wake anyone: raised, not paged.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> raised().containsAll(Set.of(
                FindingCategory.LOAD_ERRORS, FindingCategory.QMR_ACTION, FindingCategory.COMMIT_QUEUE)));
        assertThat(system.pages(CLUSTER)).extracting(NightIncidentIT::category)
                .doesNotContain(FindingCategory.LOAD_ERRORS.name(), FindingCategory.COMMIT_QUEUE.name());

        // The incident ends (two minutes after the simulator started); each collection after it resolves.
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(10)).until(() -> {
            system.collect(CLUSTER);
            return pagesOfKind("RESOLVED").keySet().equals(PAGED);
        });
        System.out.printf("night-incident: three resolve pages %d s after the first collection%n",
                Duration.between(started, Instant.now()).toSeconds());
        List<Message> all = system.pages(CLUSTER);
        for (String category : PAGED) {
            assertThat(all).filteredOn(m -> category.equals(category(m)) && "PROBLEM".equals(Pipeline.pageKind(m)))
                    .as("problem pages of %s", category).hasSize(1);
        }
        assertThat(system.deadLetters().values()).allMatch(n -> n == 0);
    }

    private static Set<FindingCategory> raised() {
        return system.recommendations(CLUSTER).stream().map(e -> (EventPayload) e.payload()).filter(p -> p instanceof FindingRaised)
                .map(p -> ((FindingRaised) p).finding().category()).collect(Collectors.toSet());
    }
}
