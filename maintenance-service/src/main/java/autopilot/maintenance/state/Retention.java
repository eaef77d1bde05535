package autopilot.maintenance.state;

import autopilot.runtime.state.LedgerRetention;
import autopilot.maintenance.config.MaintenanceConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the run records bounded: runs last updated before {@code autopilot.maintenance.history} are
 * deleted (a run still marked running that long ago belonged to an instance that died, since no
 * statement outlives its window). The history must outlast SQS's longest retention, so a redelivered
 * item still finds its completed run, and the duplicate window.
 */
@ApplicationScoped
public class Retention {

    static final String KEY = "autopilot.maintenance.history";

    private final AgroalDataSource state;
    private final MaintenanceConfig config;
    private final Clock clock;

    Retention(AgroalDataSource state, MaintenanceConfig config, Clock clock) {
        this.state = state;
        this.config = config;
        this.clock = clock;
    }

    void validate(@Observes StartupEvent started) {
        check(config.history(), config.duplicateWindow());
    }

    static void check(Duration history, Duration duplicateWindow) {
        LedgerRetention.requireCovers(KEY, history, "autopilot.maintenance.duplicate-window", duplicateWindow);
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int deleted = sweep(clock.instant());
            if (deleted > 0) Log.infof("Retention: deleted %d run records older than %s", deleted, config.history());
        } catch (SQLException e) {
            Log.warnf("Retention sweep failed (%s); retried in an hour", e.getMessage());
        }
    }

    /** Deletes run and work item records older than the history; returns how many. */
    public int sweep(Instant now) throws SQLException {
        try (Connection c = state.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM work_run WHERE updated_at < ?");
             // An item not received for that long is no longer in SQS either (14 days at most).
             PreparedStatement items = c.prepareStatement("DELETE FROM work_item WHERE coalesce(done_at, last_received_at) < ?")) {
            Timestamp cutoff = Timestamp.from(now.minus(config.history()));
            ps.setTimestamp(1, cutoff);
            items.setTimestamp(1, cutoff);
            return ps.executeUpdate() + items.executeUpdate();
        }
    }
}
