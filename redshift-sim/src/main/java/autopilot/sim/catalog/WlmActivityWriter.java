package autopilot.sim.catalog;

import static autopilot.sim.catalog.ActivityContext.set;
import static autopilot.sim.catalog.ActivityContext.utc;

import autopilot.sim.model.Activity;
import autopilot.sim.model.Scenario;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * WLM besides the queues' configuration: classification (which groups go to which queue), query
 * monitoring rules and the actions they took on the logged workload, who owns the queries in
 * flight, and concurrency-scaling periods with the queries that ran on the scaling cluster.
 */
final class WlmActivityWriter {

    private final ActivityContext c;
    private final Activity activity;

    WlmActivityWriter(ActivityContext context) {
        this.c = context;
        this.activity = context.activity();
    }

    void write() throws SQLException {
        writeClassification();
        writeRules();
        applyRules(0);
        writeInflightOwners();
        if (!c.scenario().cluster().serverless()) {
            writeConcurrencyScaling();
        }
    }

    /**
     * Redshift's own rules first (its health checks to service class 1, superusers' query group to
     * class 5), then the scenario's groups, and last the catch-all into the last queue, the default one.
     */
    private void writeClassification() throws SQLException {
        List<Object[]> rules = new ArrayList<>();
        rules.add(new Object[] {"(system user) and (query group: health)", 1});
        rules.add(new Object[] {"(super user) and (query group: superuser)", 5});
        for (int i = 0; i < activity.classification().size(); i++) {
            Activity.Classification rule = activity.classification().get(i);
            c.queue(rule.serviceClass(), "activity.classification[" + i + "].serviceClass");
            for (String group : rule.userGroups()) {
                rules.add(new Object[] {"(user group: " + group + ")", rule.serviceClass()});
            }
            for (String group : rule.queryGroups()) {
                rules.add(new Object[] {"(query group: " + group + ")", rule.serviceClass()});
            }
        }
        List<Scenario.Queue> queues = c.scenario().queues();
        rules.add(new Object[] {"(querytype: any)", queues.get(queues.size() - 1).serviceClass()});
        try (PreparedStatement ps = c.db().prepareStatement("INSERT INTO redshift_sim.stv_wlm_classification_config VALUES (?,?,0,'assign',?)")) {
            for (int i = 0; i < rules.size(); i++) {
                set(ps, i + 1, ActivityContext.cut((String) rules.get(i)[0], 128), rules.get(i)[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** STV_WLM_QMR_CONFIG: a row per predicate of each rule. */
    private void writeRules() throws SQLException {
        try (PreparedStatement config = c.db().prepareStatement("INSERT INTO redshift_sim.stv_wlm_qmr_config VALUES (?,?,?,?,?,?,?)")) {
            for (int i = 0; i < activity.qmrRules().size(); i++) {
                Activity.QmrRule rule = activity.qmrRules().get(i);
                c.queue(rule.serviceClass(), "activity.qmrRules[" + i + "].serviceClass");
                for (Activity.Predicate p : rule.predicates()) {
                    set(config, rule.serviceClass(), ActivityContext.cut(rule.name(), 256), rule.action(), p.metric(), p.operator(), p.value(),
                            rule.actionValue());
                    config.addBatch();
                }
            }
            config.executeBatch();
        }
    }

    /**
     * The rules' actions on the logged queries from id {@code fromQuery} on (at install all of them;
     * in live mode those a tick appended): each query of a rule's queue that meets all its
     * predicates, at the moment the last one is met (a time threshold: its queue or execution start
     * plus the threshold; other metrics: the end of the query). Of several rules a query meets, the
     * most severe action is taken and the others log {@code none}. A hop reassigns a read-only query
     * and restarts others; an abort cancels the query.
     */
    void applyRules(int fromQuery) throws SQLException {
        if (activity.qmrRules().isEmpty()) {
            return;
        }
        List<String> matches = new ArrayList<>();
        for (int i = 0; i < activity.qmrRules().size(); i++) {
            Activity.QmrRule rule = activity.qmrRules().get(i);
            List<String> conditions = new ArrayList<>();
            List<String> met = new ArrayList<>();
            for (Activity.Predicate p : rule.predicates()) {
                conditions.add(metric(p.metric()) + " " + p.operator() + " " + p.value());
                met.add(switch (p.metric()) {
                    case "query_execution_time" -> "w.exec_start_time + make_interval(secs => " + p.value() + ")";
                    case "query_queue_time" -> "w.queue_start_time + make_interval(secs => " + p.value() + ")";
                    default -> "w.exec_end_time";
                });
            }
            matches.add("SELECT w.userid, w.\"query\", w.service_class, " + Identifiers.literal(rule.name()) + " AS rule, "
                    + Identifiers.literal(rule.action()) + " AS action, " + Identifiers.literal(rule.actionValue()) + " AS action_value, "
                    + "least(w.service_class_end_time, greatest(" + String.join(", ", met) + ")) AS recordtime, "
                    + severity(rule.action()) + " AS severity, " + i + " AS position, w.service_class_name "
                    + "FROM redshift_sim.stl_wlm_query w WHERE w.service_class = " + rule.serviceClass() + " AND w.\"query\" >= ? AND "
                    + String.join(" AND ", conditions));
        }
        try (PreparedStatement actions = c.db().prepareStatement("INSERT INTO redshift_sim.stl_wlm_rule_action SELECT m.userid, m.\"query\", "
                + "m.service_class, m.rule, "
                + "CASE WHEN m.pick > 1 THEN 'none' WHEN m.action <> 'hop' THEN m.action "
                + "     WHEN upper(ltrim(q.querytxt)) LIKE 'SELECT%' OR upper(ltrim(q.querytxt)) LIKE 'WITH%' THEN 'hop(reassign)' "
                + "     ELSE 'hop(restart)' END, "
                + "m.recordtime, CASE WHEN m.pick > 1 THEN '' ELSE m.action_value END, m.service_class_name "
                + "FROM (SELECT r.*, row_number() OVER (PARTITION BY r.\"query\" ORDER BY r.severity DESC, r.position) AS pick FROM ("
                + String.join(" UNION ALL ", matches) + ") r) m JOIN redshift_sim.stl_query q ON q.\"query\" = m.\"query\"");
             PreparedStatement aborted = c.db().prepareStatement("UPDATE redshift_sim.stl_query q SET aborted = 1 "
                     + "FROM redshift_sim.stl_wlm_rule_action a WHERE a.\"query\" = q.\"query\" AND a.\"action\" = 'abort' AND a.\"query\" >= ?");
             PreparedStatement canceled = c.db().prepareStatement("UPDATE redshift_sim.sys_query_history h SET \"status\" = 'canceled', "
                     + "error_message = 'Query (' || a.\"query\" || ') cancelled by WLM abort action of Query Monitoring Rule \"' "
                     + "|| btrim(a.\"rule\") || '\".' "
                     + "FROM redshift_sim.stl_wlm_rule_action a WHERE a.\"query\" = h.query_id AND a.\"action\" = 'abort' AND a.\"query\" >= ?")) {
            for (int i = 1; i <= matches.size(); i++) {
                actions.setInt(i, fromQuery);
            }
            actions.executeUpdate();
            aborted.setInt(1, fromQuery);
            aborted.executeUpdate();
            canceled.setInt(1, fromQuery);
            canceled.executeUpdate();
        }
    }

    /** The SQL of a rule metric over a query's STL_WLM_QUERY row {@code w}. */
    private static String metric(String name) {
        return switch (name) {
            case "query_execution_time" -> "w.total_exec_time / 1000000.0";
            case "query_queue_time" -> "w.total_queue_time / 1000000.0";
            case "scan_row_count" -> "(SELECT coalesce(sum(s.rows_pre_filter), 0) FROM redshift_sim.stl_scan s WHERE s.\"query\" = w.\"query\")";
            case "query_temp_blocks_to_disk" -> "(SELECT coalesce(sum(s.\"bytes\"), 0) / 1048576.0 FROM redshift_sim.svl_query_summary s "
                    + "WHERE s.\"query\" = w.\"query\" AND s.is_diskbased = 't')";
            default -> throw new IllegalArgumentException("no metric " + name);
        };
    }

    private static int severity(String action) {
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "abort" -> 4;
            case "hop" -> 3;
            case "change_query_priority" -> 2;
            default -> 1;
        };
    }

    /**
     * The in-flight queries' owners. The state writer gave the in-flight queries consecutive ids in
     * the scenario's order, so STV_WLM_QUERY_STATE's rows by query id are the scenario's entries.
     */
    private void writeInflightOwners() throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (ResultSet rs = c.db().createStatement().executeQuery("SELECT \"query\" FROM redshift_sim.stv_wlm_query_state ORDER BY \"query\"")) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        List<Scenario.Inflight> inflight = c.scenario().inflight();
        if (ids.size() != inflight.size()) {
            throw new IllegalStateException("STV_WLM_QUERY_STATE has " + ids.size() + " rows for " + inflight.size() + " in-flight queries");
        }
        try (PreparedStatement ps = c.db().prepareStatement("INSERT INTO redshift_sim.wlm_query_owner VALUES (?,?)")) {
            for (int i = 0; i < ids.size(); i++) {
                set(ps, ids.get(i), c.userId(inflight.get(i).user()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * A concurrency-scaling period: of the user queries that entered the queue in it and waited,
     * the ones that waited longest ran on the scaling cluster (STL_QUERY.concurrency_scaling_status
     * 1), so SVCS_CONCURRENCY_SCALING_USAGE counts exactly those; the queue has scaling on (auto).
     */
    private void writeConcurrencyScaling() throws SQLException {
        List<Activity.ScalingPeriod> periods = activity.usage().concurrencyScaling();
        try (PreparedStatement mark = c.db().prepareStatement("UPDATE redshift_sim.stl_query q SET concurrency_scaling_status = 1 "
                + "FROM (SELECT w.\"query\" FROM redshift_sim.stl_wlm_query w WHERE w.service_class = ? AND w.userid > 1 "
                + "      AND w.queue_start_time >= ? AND w.queue_start_time < ? AND w.total_queue_time > 0 "
                + "      ORDER BY w.total_queue_time DESC, w.\"query\" LIMIT ?) p WHERE q.\"query\" = p.\"query\"");
             PreparedStatement usage = c.db().prepareStatement("INSERT INTO redshift_sim.svcs_concurrency_scaling_usage VALUES (?,?,?,?)");
             PreparedStatement auto = c.db().prepareStatement("UPDATE redshift_sim.stv_wlm_service_class_config SET concurrency_scaling = 'auto' "
                     + "WHERE service_class = ?")) {
            for (int i = 0; i < periods.size(); i++) {
                Activity.ScalingPeriod p = periods.get(i);
                c.queue(p.serviceClass(), "activity.usage.concurrencyScaling[" + i + "].serviceClass");
                Instant start = c.now().minus(p.ago());
                Instant end = start.plus(p.duration());
                mark.setInt(1, p.serviceClass());
                mark.setTimestamp(2, utc(start));
                mark.setTimestamp(3, utc(end));
                if (p.queries() == null) {
                    mark.setNull(4, Types.BIGINT);
                } else {
                    mark.setLong(4, p.queries());
                }
                int ran = mark.executeUpdate();
                set(usage, utc(start), utc(end), (long) ran, new java.math.BigDecimal(p.duration().getSeconds()));
                usage.addBatch();
                set(auto, p.serviceClass());
                auto.addBatch();
            }
            usage.executeBatch();
            auto.executeBatch();
        }
    }
}
