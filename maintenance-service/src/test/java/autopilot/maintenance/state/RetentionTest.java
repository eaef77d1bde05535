package autopilot.maintenance.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.maintenance.SimClustersResource;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hourly sweep deletes run records older than the history (30 days by default) and keeps the
 * recent ones, so duplicate detection still sees them; a history too short for that stops start-up
 * naming the key.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(SimClustersResource.class)
class RetentionTest {

    private static final String CLUSTER = "retention";

    @Inject
    Retention retention;
    @Inject
    AgroalDataSource state;

    private void run(String item, String runState, Instant updated) throws Exception {
        try (Connection c = state.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO work_run (work_item_id, "
                + "cluster_id, deduplication_id, table_name, state, instance, started_at, updated_at) VALUES (?, ?, ?, 'dev.public.t', "
                + "?, 'test', ?, ?)")) {
            ps.setString(1, item);
            ps.setString(2, CLUSTER);
            ps.setString(3, "dedup-" + item);
            ps.setString(4, runState);
            ps.setTimestamp(5, Timestamp.from(updated.minusSeconds(60)));
            ps.setTimestamp(6, Timestamp.from(updated));
            ps.executeUpdate();
        }
    }

    private List<String> items() throws Exception {
        List<String> items = new ArrayList<>();
        try (Connection c = state.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT work_item_id FROM work_run WHERE cluster_id = ? ORDER BY work_item_id")) {
            ps.setString(1, CLUSTER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) items.add(rs.getString(1));
            }
        }
        return items;
    }

    @Test
    void runRecordsOlderThanTheHistoryGoAndRecentOnesStay() throws Exception {
        Instant now = Instant.now();
        run("old-completed", "completed", now.minus(Duration.ofDays(40)));
        run("old-running", "running", now.minus(Duration.ofDays(31)));
        run("recent-completed", "completed", now.minus(Duration.ofDays(20)));
        run("recent-skipped", "skipped", now.minus(Duration.ofHours(1)));

        assertThat(retention.sweep(now)).isGreaterThanOrEqualTo(2);

        assertThat(items()).containsExactly("recent-completed", "recent-skipped");
    }

    private void item(String item, Instant lastReceived, Instant done) throws Exception {
        try (Connection c = state.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO work_item (work_item_id, "
                + "cluster_id, table_name, work, priority, urgent, fingerprints, requested_at, received_at, last_received_at, done_at) "
                + "VALUES (?, ?, 'dev.public.t', 'ANALYZE ALL COLUMNS', 1, false, '{}', ?, ?, ?, ?)")) {
            ps.setString(1, item);
            ps.setString(2, CLUSTER);
            ps.setTimestamp(3, Timestamp.from(lastReceived));
            ps.setTimestamp(4, Timestamp.from(lastReceived));
            ps.setTimestamp(5, Timestamp.from(lastReceived));
            ps.setTimestamp(6, done == null ? null : Timestamp.from(done));
            ps.executeUpdate();
        }
    }

    private List<String> workItems() throws Exception {
        List<String> items = new ArrayList<>();
        try (Connection c = state.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT work_item_id FROM work_item WHERE cluster_id = ? ORDER BY work_item_id")) {
            ps.setString(1, CLUSTER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) items.add(rs.getString(1));
            }
        }
        return items;
    }

    @Test
    void workItemsDoneOrNotReceivedForLongerThanTheHistoryGo() throws Exception {
        Instant now = Instant.now();
        item("item-done-long-ago", now.minus(Duration.ofDays(45)), now.minus(Duration.ofDays(40)));
        item("item-lost-in-the-queue", now.minus(Duration.ofDays(35)), null); // SQS has long dropped it
        item("item-done-lately", now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(2)));
        item("item-waiting", now.minus(Duration.ofHours(3)), null);

        retention.sweep(now);

        assertThat(workItems()).containsExactly("item-done-lately", "item-waiting");
    }

    @Test
    void aHistoryShorterThanRedeliveryOrTheDuplicateWindowIsRefusedByName() {
        assertThatThrownBy(() -> Retention.check(Duration.ofDays(7), Duration.ofHours(1)))
                .hasMessageContaining("autopilot.maintenance.history").hasMessageContaining("14 days").hasMessageContaining("PT168H");
        assertThatThrownBy(() -> Retention.check(Duration.ofDays(20), Duration.ofDays(21)))
                .hasMessageContaining("autopilot.maintenance.history").hasMessageContaining("duplicate-window");
        assertThatCode(() -> Retention.check(Duration.ofDays(14), Duration.ofHours(1))).doesNotThrowAnyException();
    }
}
