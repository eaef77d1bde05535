package autopilot.collector.bench;

import autopilot.sim.SimCluster;
import autopilot.sim.catalog.SimDatabase;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import autopilot.sim.model.WorkloadGenerator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenarios and workload for the benchmarks, built in code from redshift-sim's shipped
 * {@code large-collect} (10,000 generated tables, 100,000 queries over one day) rather than kept as
 * more scenario files.
 */
final class BenchWorkload {

    private BenchWorkload() {
    }

    /** large-collect with {@code tables} generated tables and {@code queries} queries over its day (same seed and patterns). */
    static Scenario largeCollect(int tables, int queries) {
        Scenario s = ScenarioLoader.shipped("large-collect");
        Scenario.Generator g = s.generator();
        Scenario.Generator resized = new Scenario.Generator(g.seed(), tables, queries, g.window(), g.patterns());
        // The loader appends the generated tables after the listed ones (large-collect lists none).
        List<Scenario.Table> all = new ArrayList<>(s.tables().subList(0, s.tables().size() - g.tables()));
        all.addAll(WorkloadGenerator.tables(resized));
        return new Scenario(s.name() + "-" + tables, s.description(), s.cluster(), s.database(), s.users(), all, s.queues(),
                s.queries(), resized, s.inflight(), s.transactions(), s.advisor(), s.history(), null);
    }

    /** {@code count} new queries drawn from the scenario's patterns (seeded), ending within {@code spread} before they are logged. */
    static List<Scenario.Query> fromPatterns(Scenario scenario, long seed, int count, Duration spread) {
        Scenario.Generator g = scenario.generator();
        return WorkloadGenerator.generate(new Scenario.Generator(seed, g.tables(), count, spread, g.patterns()));
    }

    /**
     * Logs the queries in the cluster's STL/SVL tables as if they had just ended, each at its
     * {@code ago} before {@code endingAt}: what a collector finds new on its next workload cycle.
     */
    static void append(SimCluster cluster, List<Scenario.Query> queries, Instant endingAt) throws SQLException {
        try (Connection db = cluster.underlyingConnection()) {
            db.setAutoCommit(false);
            SimDatabase.appendQueries(db, cluster.scenario(), queries, endingAt);
            db.commit();
        }
    }

    /** The same query with another text (everything it did on the cluster unchanged). */
    static Scenario.Query withText(Scenario.Query q, String text) {
        return new Scenario.Query(text, q.user(), q.ago(), q.serviceClass(), q.queueMillis(), q.execMillis(), q.compileMillis(),
                q.aborted(), q.scans(), q.alerts(), q.steps(), q.plan(), q.database(), q.label(), q.writes(), q.childQueries());
    }

    /** Query {@code k}'s text: a join of two generated tables that no other {@code k} shares, even with its literals removed. */
    static String distinctJoin(int k, int tables, int approxChars) {
        String a = "gen.t" + String.format("%05d", k % tables);
        String b = "gen.t" + String.format("%05d", (k / tables + k + 1) % tables);
        StringBuilder sql = new StringBuilder("select a.category, b.category as category_" + k);
        for (int i = 0; sql.length() < approxChars - 160; i++) {
            sql.append(", sum(a.amount) as amount_").append(k).append('_').append(i);
        }
        return sql.append(" from ").append(a).append(" a join ").append(b).append(" b on a.id = b.id")
                .append(" where a.created_at > '2026-01-01' and b.payload <> 'r").append(k).append("' group by 1, 2").toString();
    }
}
