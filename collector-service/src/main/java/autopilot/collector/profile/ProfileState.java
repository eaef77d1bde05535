package autopilot.collector.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What column profiling remembers per cluster and database: join columns seen, profiles, attempts. */
public interface ProfileState {

    /** Adds the join counts of newly collected queries; forgets columns not joined on for a week. */
    void addJoins(String clusterId, String database, Map<ProfilePlan.TableColumn, Long> joins, Instant now);

    /** Join counts of every column the workload joined on. */
    Map<ProfilePlan.TableColumn, Long> joins(String clusterId, String database);

    /** When each table ({@code schema.table}) was last profiled or tried. */
    Map<String, Instant> lastProfiled(String clusterId, String database);

    /** Records a profile of a table (replacing its previous one) or, with no profiles, a failed try. */
    void profiled(String clusterId, String database, String schema, String table, List<ColumnProfile> profiles, String outcome,
                  Instant at);

    /** The latest profile of every column, in schema, table, column order. */
    List<ColumnProfile> profiles(String clusterId, String database);
}
