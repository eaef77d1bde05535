package autopilot.analyzer.state;

import autopilot.analyzer.config.AnalyzerConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Keeps the state bounded: parts of snapshots that never completed (the collector died mid-cycle
 * and re-reads the window next time) lose their JSON after the configured time; workload hours,
 * table and disk history, usage hours and the part ledger are kept 35 days (trends need weeks, not months).
 */
@ApplicationScoped
public class Retention {

    static final Duration HISTORY = Duration.ofDays(35);

    private final AgroalDataSource state;
    private final AnalyzerConfig config;
    private final Clock clock;

    Retention(AgroalDataSource state, AnalyzerConfig config, Clock clock) {
        this.state = state;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int dropped = sweep(clock.instant());
            if (dropped > 0) Log.infof("Dropped %d parts of snapshots that never completed", dropped);
        } catch (SQLException e) {
            Log.warnf("Retention sweep failed (%s); retried in 10 minutes", e.getMessage());
        }
    }

    /** Returns the number of incomplete parts whose JSON was dropped. */
    public int sweep(Instant now) throws SQLException {
        try (Connection c = state.getConnection()) {
            int dropped;
            try (PreparedStatement ps = c.prepareStatement("UPDATE processed_part p SET body = NULL WHERE body IS NOT NULL "
                    + "AND received_at < ? AND NOT EXISTS (SELECT 1 FROM analyzed_snapshot a WHERE a.cluster_id = p.cluster_id "
                    + "AND a.snapshot_id = p.snapshot_id)")) {
                ps.setTimestamp(1, Timestamp.from(now.minus(config.incompleteSnapshotTtl())));
                dropped = ps.executeUpdate();
            }
            Timestamp before = Timestamp.from(now.minus(HISTORY));
            for (String sql : new String[]{"DELETE FROM workload_hour WHERE hour < ?",
                    "DELETE FROM table_metric_history WHERE observed_at < ?",
                    "DELETE FROM disk_history WHERE observed_at < ?",
                    "DELETE FROM usage_hour WHERE hour < ?",
                    "DELETE FROM usage_coverage WHERE observed_at < ?",
                    "DELETE FROM processed_part WHERE received_at < ?",
                    "DELETE FROM analyzed_snapshot WHERE analyzed_at < ?",
                    "DELETE FROM finding WHERE status = 'RESOLVED' AND resolved_at < ?",
                    // a finding's history goes with it (the parameter only keeps the statements alike)
                    "DELETE FROM finding_event e WHERE occurred_at < ? AND NOT EXISTS (SELECT 1 FROM finding f WHERE f.fingerprint = e.fingerprint)"}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setTimestamp(1, before);
                    ps.executeUpdate();
                }
            }
            // A cluster still read keeps its coverage row, known from the first hour left; one not read for as long
            // (dropped, or without usage sources since) lost the row above with its last hours.
            try (PreparedStatement ps = c.prepareStatement("UPDATE usage_coverage SET covered_from = ? WHERE covered_from < ?")) {
                Instant cut = now.minus(HISTORY);
                Instant firstLeft = cut.truncatedTo(ChronoUnit.HOURS).equals(cut) ? cut : cut.truncatedTo(ChronoUnit.HOURS).plusSeconds(3600);
                ps.setTimestamp(1, Timestamp.from(firstLeft));
                ps.setTimestamp(2, before);
                ps.executeUpdate();
            }
            return dropped;
        }
    }
}
