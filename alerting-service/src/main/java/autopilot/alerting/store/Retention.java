package autopilot.alerting.store;

import autopilot.alerting.config.AlertingConfig;
import autopilot.runtime.state.LedgerRetention;
import autopilot.runtime.state.StateStoreException;
import autopilot.runtime.state.Transactions;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the alerting state bounded: sent pages and their candidates, suppressed repeats, closed
 * incidents and the processed-event ledger older than {@code autopilot.alerting.history} are deleted.
 * Unsent pages and open incidents are kept whatever their age. The history must outlast SQS's
 * longest retention (a redelivered event is still recognised) and the repeat window (a closed
 * incident still suppresses a repeat inside it).
 */
@ApplicationScoped
public class Retention {

    static final String KEY = "autopilot.alerting.history";

    private static final String[] SWEEP = {
            "DELETE FROM page_candidate c USING page p WHERE c.page_id = p.page_id AND p.sent_at < ?",
            "DELETE FROM page WHERE sent_at < ?",
            "DELETE FROM suppressed_repeat WHERE suppressed_at < ?",
            "DELETE FROM incident WHERE NOT is_open AND updated_at < ?",
            "DELETE FROM processed_event WHERE received_at < ?"};

    private final Transactions transactions;
    private final AlertingConfig config;
    private final Clock clock;

    Retention(Transactions transactions, AlertingConfig config, Clock clock) {
        this.transactions = transactions;
        this.config = config;
        this.clock = clock;
    }

    void validate(@Observes StartupEvent started) {
        check(config.history(), config.paging().repeatWindow());
    }

    static void check(Duration history, Duration repeatWindow) {
        LedgerRetention.requireCovers(KEY, history, "autopilot.alerting.paging.repeat-window", repeatWindow);
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int deleted = sweep(clock.instant());
            if (deleted > 0) Log.infof("Retention: deleted %d rows older than %s", deleted, config.history());
        } catch (StateStoreException e) {
            Log.warnf("Retention sweep failed (%s); retried in an hour", e.getMessage());
        }
    }

    /** Deletes what is older than the history; returns the number of rows deleted. */
    public int sweep(Instant now) {
        Timestamp before = Timestamp.from(now.minus(config.history()));
        return transactions.inTransaction("sweeping old alerting state", c -> {
            int deleted = 0;
            for (String sql : SWEEP) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setTimestamp(1, before);
                    deleted += ps.executeUpdate();
                }
            }
            return deleted;
        });
    }
}
