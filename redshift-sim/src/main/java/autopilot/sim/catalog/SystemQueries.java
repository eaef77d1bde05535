package autopilot.sim.catalog;

import autopilot.sim.model.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The statements Redshift runs on its own as user rdsdb (user id 1). Every provisioned cluster's
 * query logs hold some, which is why AWS advises filtering on {@code userid > 1}
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_visibility-of-data.html, "Filtering
 * system-generated queries"); the STL_QUERY page's sample shows statements such as
 * {@code padb_fetch_sample: select count(*) from <table>}
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_STL_QUERY.html).
 *
 * <p>The simulator logs a few an hour over the workload's window, deterministically (a seed of
 * their own: the scenario's generated workload stays exactly what its seed always gave), in the
 * system queues (service classes 1 to 4).
 */
final class SystemQueries {

    /** Redshift's own superuser. */
    static final String USER = "rdsdb";
    static final int USER_ID = 1;
    /** System statements per hour of the workload's window. */
    private static final int PER_HOUR = 3;

    private SystemQueries() {
    }

    /** The system statements of {@code scenario}'s logs: none on Serverless or when the cluster turns them off. */
    static List<Scenario.Query> of(Scenario scenario) {
        if (!scenario.cluster().logsSystemQueries()) {
            return List.of();
        }
        Duration window = window(scenario);
        int count = (int) Math.ceil(window.toMillis() / 3_600_000.0 * PER_HOUR);
        // Tables of the default database only: rdsdb samples them where it is connected.
        List<Scenario.Table> tables = scenario.tables().stream()
                .filter(t -> t.database() == null || t.database().equals(scenario.database()))
                .toList();
        SplittableRandom random = new SplittableRandom(0x5D5DB1L ^ String.valueOf(scenario.name()).hashCode());
        List<Scenario.Query> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Evenly spread, each nudged within its slot, so they neither bunch nor line up on the hour.
            double slot = (i + 0.5 + (random.nextDouble() - 0.5) * 0.8) / count;
            Duration ago = Duration.ofMillis(Math.max(1_000, Math.round(window.toMillis() * (1 - slot))));
            long exec = 5 + random.nextInt(60);
            Scenario.Table table = tables.isEmpty() ? null : tables.get(random.nextInt(tables.size()));
            int kind = table == null ? 2 : i % 3;
            queries.add(switch (kind) {
                case 0 -> sample(table, ago, exec);
                case 1 -> query("Undoing 1 transactions on table " + table.schema() + "." + table.name(), ago, 4, exec, List.of());
                default -> query("load global dict registry", ago, 2, exec, List.of());
            });
        }
        return queries;
    }

    /** Redshift counting a table's rows to sample it: a scan of the table. */
    private static Scenario.Query sample(Scenario.Table table, Duration ago, long exec) {
        long rows = Math.min(table.rows(), 1_000_000);
        long millis = Math.max(1, Math.min(exec, 2 + rows / 100_000));
        Scenario.Scan scan = new Scenario.Scan(table.schema() + "." + table.name(), 2, rows, rows, rows, millis, false);
        return query("padb_fetch_sample: select count(*) from " + table.name(), ago, 3, exec, List.of(scan));
    }

    private static Scenario.Query query(String text, Duration ago, int serviceClass, long exec, List<Scenario.Scan> scans) {
        return new Scenario.Query(text, USER, ago, serviceClass, 0, exec, 0, false, scans, List.of(), List.of(), List.of(), null);
    }

    /**
     * How far back the workload goes: the generator's window or the oldest listed query, whichever
     * is longer, within the retention (older rows would be invisible anyway).
     */
    static Duration window(Scenario scenario) {
        Duration window = scenario.generator() == null || scenario.generator().queries() <= 0 ? Duration.ZERO
                : scenario.generator().window();
        for (Scenario.Query q : scenario.queries()) {
            if (q.ago().compareTo(window) > 0) {
                window = q.ago();
            }
        }
        Duration retention = scenario.cluster().retention();
        return retention != null && window.compareTo(retention) > 0 ? retention : window;
    }
}
