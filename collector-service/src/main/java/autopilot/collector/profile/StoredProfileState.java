package autopilot.collector.profile;

import autopilot.runtime.state.StateStoreException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Profile state in the collector's PostgreSQL (V2 migration), so a restart neither forgets joins nor re-profiles. */
@ApplicationScoped
class StoredProfileState implements ProfileState {

    /** Join columns not seen for this long are forgotten: the workload moved on. */
    private static final Duration FORGET_JOINS = Duration.ofDays(7);

    /** Resolved on use: the one-shot mode runs with the datasource deactivated (and uses {@link MemoryProfileState}). */
    private final Instance<AgroalDataSource> state;

    StoredProfileState(Instance<AgroalDataSource> state) {
        this.state = state;
    }

    @Override
    public void addJoins(String clusterId, String database, Map<ProfilePlan.TableColumn, Long> joins, Instant now) {
        try (Connection c = state.get().getConnection();
             PreparedStatement upsert = c.prepareStatement("INSERT INTO collector_join_column (cluster_id, database, schema_name, "
                     + "table_name, column_name, joins, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (cluster_id, database, "
                     + "schema_name, table_name, column_name) DO UPDATE SET joins = collector_join_column.joins + excluded.joins, "
                     + "last_seen = excluded.last_seen");
             PreparedStatement forget = c.prepareStatement(
                     "DELETE FROM collector_join_column WHERE cluster_id = ? AND database = ? AND last_seen < ?")) {
            for (Map.Entry<ProfilePlan.TableColumn, Long> e : joins.entrySet()) {
                set(upsert, clusterId, database, e.getKey().schema(), e.getKey().table(), e.getKey().column(), e.getValue(),
                        Timestamp.from(now));
                upsert.addBatch();
            }
            upsert.executeBatch();
            set(forget, clusterId, database, Timestamp.from(now.minus(FORGET_JOINS)));
            forget.executeUpdate();
        } catch (SQLException e) {
            throw failed("store join columns of", clusterId, e);
        }
    }

    @Override
    public Map<ProfilePlan.TableColumn, Long> joins(String clusterId, String database) {
        Map<ProfilePlan.TableColumn, Long> joins = new HashMap<>();
        query("SELECT schema_name, table_name, column_name, joins FROM collector_join_column WHERE cluster_id = ? AND database = ?",
                clusterId, database, rs -> joins.put(new ProfilePlan.TableColumn(rs.getString(1), rs.getString(2), rs.getString(3)),
                        rs.getLong(4)));
        return joins;
    }

    @Override
    public Map<String, Instant> lastProfiled(String clusterId, String database) {
        Map<String, Instant> last = new HashMap<>();
        query("SELECT schema_name, table_name, attempted_at FROM collector_table_profiled WHERE cluster_id = ? AND database = ?",
                clusterId, database, rs -> last.put(ProfilePlan.key(rs.getString(1), rs.getString(2)), rs.getTimestamp(3).toInstant()));
        return last;
    }

    @Override
    public void profiled(String clusterId, String database, String schema, String table, List<ColumnProfile> profiles, String outcome,
                         Instant at) {
        try (Connection c = state.get().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement attempt = c.prepareStatement("INSERT INTO collector_table_profiled (cluster_id, database, schema_name, "
                    + "table_name, attempted_at, outcome) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (cluster_id, database, schema_name, "
                    + "table_name) DO UPDATE SET attempted_at = excluded.attempted_at, outcome = excluded.outcome");
                 PreparedStatement clear = c.prepareStatement("DELETE FROM collector_column_profile WHERE cluster_id = ? AND database = ? "
                         + "AND schema_name = ? AND table_name = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO collector_column_profile (cluster_id, database, schema_name, "
                         + "table_name, column_name, table_id, profiled_rows, non_null_rows, distinct_values, top_value_rows, "
                         + "max_octet_length, profiled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                set(attempt, clusterId, database, schema, table, Timestamp.from(at), outcome);
                attempt.executeUpdate();
                if (!profiles.isEmpty()) {
                    set(clear, clusterId, database, schema, table);
                    clear.executeUpdate();
                    for (ColumnProfile p : profiles) {
                        set(insert, clusterId, database, schema, table, p.column(), p.tableId(), p.profiledRows(), p.nonNullRows(),
                                p.distinctValues(), p.topValueRows(), p.maxOctetLength(), Timestamp.from(p.profiledAt()));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("store the profile of " + schema + "." + table + " of", clusterId, e);
        }
    }

    @Override
    public List<ColumnProfile> profiles(String clusterId, String database) {
        List<ColumnProfile> all = new ArrayList<>();
        query("SELECT schema_name, table_id, table_name, column_name, profiled_rows, non_null_rows, distinct_values, top_value_rows, "
                + "max_octet_length, profiled_at FROM collector_column_profile WHERE cluster_id = ? AND database = ? "
                + "ORDER BY schema_name, table_name, column_name", clusterId, database,
                rs -> all.add(new ColumnProfile(database, rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        (Long) rs.getObject(6), (Long) rs.getObject(7), (Long) rs.getObject(8), (Integer) rs.getObject(9),
                        rs.getTimestamp(10).toInstant())));
        return all;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, String clusterId, String database, RowReader reader) {
        try (Connection c = state.get().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            set(ps, clusterId, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw failed("read the profile state of", clusterId, e);
        }
    }

    private static void set(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                ps.setNull(i + 1, Types.BIGINT);
            } else {
                ps.setObject(i + 1, values[i]);
            }
        }
    }

    private static StateStoreException failed(String what, String clusterId, SQLException e) {
        return new StateStoreException("trying to " + what + " cluster " + clusterId, e);
    }
}
