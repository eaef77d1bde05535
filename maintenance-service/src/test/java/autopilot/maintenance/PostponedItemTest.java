package autopilot.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.events.AnalyzeSpec;
import autopilot.events.MaintenanceRequested;
import autopilot.events.MaintenanceSkipped;
import autopilot.events.VacuumSpec;
import autopilot.events.VacuumSpec.Variant;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * An item postponed for a reason of its own goes to the end of its cluster's group instead of
 * holding the group: the maintenance-backlog cluster has a 3-hour-old open transaction, so a VACUUM
 * DELETE ONLY of events is postponed (it could reclaim nothing), while the ANALYZE items sent with
 * it and after it all get their outcome at once. Postponements last a minute here, so an item held
 * in flight would keep the items beyond the first receive (SQS hands out at most 10) waiting that long.
 */
@QuarkusTest
@TestProfile(PostponedItemTest.LongPostponement.class)
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SimClustersResource.class)
class PostponedItemTest {

    public static class LongPostponement implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A 15 s visibility (the other tests: 3 s): ten items re-checked one after the other on a busy
            // machine must not depend on every 1 s heartbeat arriving in time (CI once saw moto hand them out again).
            return Map.of("autopilot.maintenance.postpone-delay", "PT1M", "autopilot.maintenance.poller.visibility-timeout", "PT15S");
        }
    }

    private static final String CLUSTER = "queueing";

    @Inject
    AgroalDataSource state;

    private static void sendAtOnce(List<MaintenanceRequested> items) {
        var moto = WorkItemsFixture.moto();
        moto.clients().sqs().sendMessageBatch(b -> b.queueUrl(moto.topology().maintenanceWorkUrl()).entries(IntStream.range(0, items.size())
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(WorkItemsFixture.encode(CLUSTER, items.get(i)))
                        .messageGroupId(CLUSTER).messageDeduplicationId(items.get(i).deduplicationId()).build()).toList()));
    }

    private List<String> runsOf(String workItemId) throws Exception {
        List<String> runs = new ArrayList<>();
        try (Connection c = state.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT state || ': ' || coalesce(outcome, '') FROM work_run WHERE work_item_id = ? ORDER BY id")) {
            ps.setString(1, workItemId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) runs.add(rs.getString(1));
            }
        }
        return runs;
    }

    @Test
    void anItemPostponedForItsOwnReasonGoesToTheBackAndTheItemsBehindItRunNow() throws Exception {
        MaintenanceRequested delete = WorkItemsFixture.item("public", "events", new VacuumSpec(Variant.DELETE_ONLY, null, false), null, 9, false);
        List<MaintenanceRequested> first = new ArrayList<>(List.of(delete));
        List<MaintenanceRequested> analyzes = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            analyzes.add(WorkItemsFixture.item("public", "customers", null, new AnalyzeSpec(AnalyzeSpec.Columns.ALL_COLUMNS), 1, false));
        }
        first.addAll(analyzes.subList(0, 9));
        sendAtOnce(first); // the first receive can take all ten
        sendAtOnce(analyzes.subList(9, 11)); // these two come after them in the group

        for (MaintenanceRequested analyze : analyzes) {
            Outcomes.Received outcome = Outcomes.await(Outcomes.of(analyze.workItemId()), 1, Duration.ofSeconds(30)).get(0);
            assertThat(outcome.event().payload()).isInstanceOf(MaintenanceSkipped.class); // dry run, or analyzed already
        }
        List<String> postponed = runsOf(delete.workItemId());
        assertThat(postponed).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("postponed: UNSAFE_NOW").contains("long open transaction"));
        assertThat(postponed.get(0)).endsWith("(back at the end of the cluster's queue)");
        assertThat(postponed.subList(1, postponed.size())).as("put back once per window, then it waits for its time")
                .allSatisfy(r -> assertThat(r).contains("(until "));
        assertThat(Outcomes.matching(Outcomes.of(delete.workItemId()))).as("a postponement publishes nothing").isEmpty();
    }
}
