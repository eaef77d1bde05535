package autopilot.alerting.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.runtime.state.Transactions;
import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The hourly sweep deletes finished state older than the history (30 days by default) and keeps
 * what is recent, unsent or still open; a history too short for redelivery or repeat suppression
 * stops start-up naming the key.
 */
@QuarkusTest
@QuarkusTestResource(MotoTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RetentionTest {

    private static final String CLUSTER = "retention";

    @Inject
    Retention retention;
    @Inject
    Transactions transactions;

    private void page(String id, Instant created, Instant sent) {
        transactions.inTransaction("test setup", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO page (page_id, cluster_id, kind, severity, category, subject, "
                    + "body, fingerprints, created_at, sent_at) VALUES (?, ?, 'PROBLEM', 'CRITICAL', 'UNSORTED', ?, 'b', '{f}', ?, ?)");
                 PreparedStatement candidate = c.prepareStatement("INSERT INTO page_candidate (cluster_id, fingerprint, kind, severity, "
                         + "category, title, body, created_at, page_id) VALUES (?, 'f', 'PROBLEM', 'CRITICAL', 'UNSORTED', ?, 'b', ?, ?)")) {
                UUID pageId = UUID.nameUUIDFromBytes(id.getBytes());
                ps.setObject(1, pageId);
                ps.setString(2, CLUSTER);
                ps.setString(3, id);
                ps.setTimestamp(4, Timestamp.from(created));
                ps.setTimestamp(5, sent == null ? null : Timestamp.from(sent));
                ps.executeUpdate();
                candidate.setString(1, CLUSTER);
                candidate.setString(2, id);
                candidate.setTimestamp(3, Timestamp.from(created));
                candidate.setObject(4, pageId);
                return candidate.executeUpdate();
            }
        });
    }

    private void incident(String fingerprint, boolean open, Instant updated) {
        transactions.inTransaction("test setup", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident (fingerprint, cluster_id, category, is_open, paged, "
                    + "updated_at) VALUES (?, ?, 'UNSORTED', ?, true, ?)")) {
                ps.setString(1, fingerprint);
                ps.setString(2, CLUSTER);
                ps.setBoolean(3, open);
                ps.setTimestamp(4, Timestamp.from(updated));
                return ps.executeUpdate();
            }
        });
    }

    private void repeatAndEvent(String type, Instant at) {
        transactions.inTransaction("test setup", c -> {
            try (PreparedStatement repeat = c.prepareStatement("INSERT INTO suppressed_repeat (cluster_id, fingerprint, event_id, "
                    + "event_type, reason, suppressed_at) VALUES (?, 'f', ?, ?, 'repeat', ?)");
                 PreparedStatement event = c.prepareStatement("INSERT INTO processed_event (event_id, event_type, cluster_id, "
                         + "received_at) VALUES (?, ?, ?, ?)")) {
                UUID id = UUID.randomUUID();
                repeat.setString(1, CLUSTER);
                repeat.setObject(2, id);
                repeat.setString(3, type);
                repeat.setTimestamp(4, Timestamp.from(at));
                repeat.executeUpdate();
                event.setObject(1, id);
                event.setString(2, type);
                event.setString(3, CLUSTER);
                event.setTimestamp(4, Timestamp.from(at));
                return event.executeUpdate();
            }
        });
    }

    private List<String> column(String sql) {
        return transactions.inTransaction("test setup", c -> {
            List<String> values = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, CLUSTER);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) values.add(rs.getString(1));
                }
            }
            return values;
        });
    }

    @Test
    void finishedStateOlderThanTheHistoryGoesAndTheRestStays() {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(40));
        Instant recent = now.minus(Duration.ofDays(3));
        page("old-sent", old, old.plusSeconds(5));
        page("old-unsent", old, null);
        page("recent-sent", recent, recent.plusSeconds(5));
        incident("retention-old-closed", false, old);
        incident("retention-old-open", true, old);
        incident("retention-recent-closed", false, recent);
        repeatAndEvent("Old", old);
        repeatAndEvent("Recent", recent);

        assertThat(retention.sweep(now)).isGreaterThanOrEqualTo(5);

        assertThat(column("SELECT subject FROM page WHERE cluster_id = ? ORDER BY subject")).containsExactly("old-unsent", "recent-sent");
        assertThat(column("SELECT title FROM page_candidate WHERE cluster_id = ? ORDER BY title"))
                .containsExactly("old-unsent", "recent-sent");
        assertThat(column("SELECT fingerprint FROM incident WHERE cluster_id = ? ORDER BY fingerprint"))
                .containsExactly("retention-old-open", "retention-recent-closed");
        assertThat(column("SELECT event_type FROM suppressed_repeat WHERE cluster_id = ?")).containsExactly("Recent");
        assertThat(column("SELECT event_type FROM processed_event WHERE cluster_id = ?")).containsExactly("Recent");
    }

    @Test
    void aHistoryShorterThanRedeliveryOrTheRepeatWindowIsRefusedByName() {
        assertThatThrownBy(() -> Retention.check(Duration.ofDays(7), Duration.ofHours(6)))
                .hasMessageContaining("autopilot.alerting.history").hasMessageContaining("14 days").hasMessageContaining("PT168H");
        assertThatThrownBy(() -> Retention.check(Duration.ofDays(30), Duration.ofDays(40)))
                .hasMessageContaining("autopilot.alerting.history").hasMessageContaining("repeat-window");
        assertThatCode(() -> Retention.check(Duration.ofDays(14), Duration.ofHours(6))).doesNotThrowAnyException();
    }
}
