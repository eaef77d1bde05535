package autopilot.alerting.cloudwatch;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/** Custom metric datums waiting for PutMetricData, in PostgreSQL, so a CloudWatch outage delays them and loses none. */
@ApplicationScoped
public class MetricOutbox {

    private static final String ADD = "INSERT INTO metric_datum (cluster_id, metric_name, value, unit, observed_at, created_at, queue) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String OLDEST = "SELECT min(created_at), count(*) FROM metric_datum";
    private static final String BATCH = "SELECT id, cluster_id, metric_name, unit, value, observed_at, queue FROM metric_datum "
            + "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String REMOVE = "DELETE FROM metric_datum WHERE id = ANY (?)";

    /** A stored datum. */
    record Stored(long id, MetricDatums.Datum datum) {
    }

    /** How much waits: the oldest entry's age decides when to flush. */
    record Backlog(Instant oldest, long count) {
    }

    public void add(Connection c, List<MetricDatums.Datum> datums, Instant now) throws SQLException {
        if (datums.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(ADD)) {
            for (MetricDatums.Datum d : datums) {
                ps.setString(1, d.clusterId());
                ps.setString(2, d.metricName());
                ps.setDouble(3, d.value());
                ps.setString(4, d.unit().toString());
                ps.setTimestamp(5, Timestamp.from(d.observedAt()));
                ps.setTimestamp(6, Timestamp.from(now));
                ps.setString(7, d.queue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    Backlog backlog(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OLDEST); ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp oldest = rs.getTimestamp(1);
            return new Backlog(oldest == null ? null : oldest.toInstant(), rs.getLong(2));
        }
    }

    List<Stored> batchForUpdate(Connection c, int size) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BATCH)) {
            ps.setInt(1, size);
            List<Stored> batch = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batch.add(new Stored(rs.getLong(1), new MetricDatums.Datum(rs.getString(2), rs.getString(3),
                            StandardUnit.fromValue(rs.getString(4)), rs.getDouble(5), rs.getTimestamp(6).toInstant(), rs.getString(7))));
                }
            }
            return batch;
        }
    }

    void remove(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(REMOVE)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }
}
