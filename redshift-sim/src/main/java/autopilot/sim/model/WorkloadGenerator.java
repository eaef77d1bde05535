package autopilot.sim.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Expands a scenario's {@link Scenario.Generator} into concrete queries. Deterministic: the same
 * seed and patterns give the same queries, in the same order, with the same numbers.
 */
public final class WorkloadGenerator {

    private WorkloadGenerator() {
    }

    /** Schema of generated tables. */
    public static final String SCHEMA = "gen";

    private static final List<Scenario.Column> COLUMNS = List.of(
            new Scenario.Column("id", "BIGINT", "az64", true),
            new Scenario.Column("created_at", "TIMESTAMP", "raw", true),
            new Scenario.Column("category", "VARCHAR(64)", "lzo", false),
            new Scenario.Column("amount", "DECIMAL(12,2)", "az64", false),
            new Scenario.Column("payload", "VARCHAR(512)", "lzo", false));

    /** The generator's synthetic tables: sizes spread log-uniformly from a thousand to a billion rows. */
    public static List<Scenario.Table> tables(Scenario.Generator generator) {
        if (generator == null || generator.tables() <= 0) {
            return List.of();
        }
        SplittableRandom random = new SplittableRandom(generator.seed() ^ 0x7AB1E5L);
        List<Scenario.Table> tables = new ArrayList<>(generator.tables());
        for (int i = 0; i < generator.tables(); i++) {
            long rows = (long) Math.pow(10, 3 + random.nextDouble() * 6);
            double style = random.nextDouble();
            String diststyle = rows < 2_000_000 && style < 0.3 ? "ALL" : style < 0.7 ? "KEY" : "EVEN";
            Scenario.KeyDistribution keys = diststyle.equals("KEY")
                    ? new Scenario.KeyDistribution(random.nextDouble() < 0.05 ? 0.5 : 0, Math.max(1, rows / 10), random.nextDouble() * 0.02)
                    : null;
            double sort = random.nextDouble();
            Scenario.SortKey sortkey = sort < 0.6 ? new Scenario.SortKey("COMPOUND", List.of("created_at"))
                    : sort < 0.65 ? new Scenario.SortKey("INTERLEAVED", List.of("category", "created_at")) : null;
            // Most tables are healthy; a tail is unsorted, stale or full of deleted rows.
            double unsorted = sortkey == null ? 0 : skewedPercent(random);
            double statsOff = skewedPercent(random);
            long deleted = (long) (rows * skewedPercent(random) / 100 / 2);
            tables.add(new Scenario.Table(SCHEMA, tableName(i), COLUMNS, diststyle, keys == null ? null : "id", keys,
                    sortkey, rows, unsorted, statsOff, deleted, Duration.ofDays(1 + random.nextInt(900)), null));
        }
        return tables;
    }

    private static double skewedPercent(SplittableRandom random) {
        double x = random.nextDouble();
        return Math.round((x < 0.8 ? x * 5 : (x - 0.8) * 450) * 100) / 100.0;
    }

    /** The generated queries as a list; for small workloads (see {@link #queries} for large ones). */
    public static List<Scenario.Query> generate(Scenario.Generator generator) {
        List<Scenario.Query> queries = new ArrayList<>(Math.max(0, generator == null ? 0 : generator.queries()));
        queries(generator).forEach(queries::add);
        return queries;
    }

    /**
     * The generated queries, produced one at a time as they are iterated: a million-query workload
     * never sits in memory. Each iteration starts again from the seed, so it repeats exactly and
     * matches {@link #generate}.
     */
    public static Iterable<Scenario.Query> queries(Scenario.Generator generator) {
        if (generator == null || generator.queries() <= 0) {
            return List.of();
        }
        return () -> new QueryIterator(generator);
    }

    /** Name of generated table {@code i}: t00000, t00001, ... (wider past 99999). */
    static String tableName(int i) {
        String digits = Integer.toString(i);
        return digits.length() >= 5 ? "t" + digits : "t" + "00000".substring(digits.length()) + digits;
    }

    private static final class QueryIterator implements Iterator<Scenario.Query> {
        private final Scenario.Generator generator;
        private final SplittableRandom random;
        private final double totalWeight;
        private final long windowMillis;
        private int produced;

        QueryIterator(Scenario.Generator generator) {
            this.generator = generator;
            this.random = new SplittableRandom(generator.seed());
            this.totalWeight = generator.patterns().stream().mapToDouble(Scenario.Pattern::weight).sum();
            this.windowMillis = generator.window().toMillis();
        }

        @Override
        public boolean hasNext() {
            return produced < generator.queries();
        }

        @Override
        public Scenario.Query next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            produced++;
            // Every draw below happens in the same order as always: the seed's workload must not change.
            Scenario.Pattern p = pick(generator.patterns(), totalWeight, random);
            double scale = logNormal(random);
            List<Scenario.Scan> scans = new ArrayList<>(p.scans().size());
            for (Scenario.Scan s : p.scans()) {
                double rowsScale = logNormal(random);
                String table = "*".equals(s.table()) ? SCHEMA + "." + tableName(random.nextInt(generator.tables())) : s.table();
                scans.add(s.slices().isEmpty()
                        ? new Scenario.Scan(table, s.type(), Math.round(s.rows() * rowsScale),
                                Math.round(s.rowsPreFilter() * rowsScale), Math.round(s.rowsPreUserFilter() * rowsScale),
                                Math.max(1, Math.round(s.millis() * scale)), s.rangeRestricted())
                        : ScanSlices.scaled(s, table, rowsScale, scale));
            }
            boolean compiled = random.nextDouble() < p.compileShare();
            String text = p.text().replace("{n}", Integer.toString(random.nextInt(1, 1000)));
            long endedAgo = 1 + (long) (random.nextDouble() * windowMillis);
            long queue = Math.round(p.queueMillis() * logNormal(random));
            long exec = Math.max(1, Math.round(p.execMillis() * scale));
            // The draw places the query's end in the window: it started queue + exec earlier, so no
            // logged query ends after the moment the cluster was built (a real log has no future rows).
            // Label, writes, child queries and plan come from the pattern as they are: no draw for them.
            return new Scenario.Query(text, p.user(), Duration.ofMillis(endedAgo + queue + exec), p.serviceClass(),
                    queue, exec, compiled ? p.compileMillis() : 0, false, scans, p.alerts(), p.steps(), p.plan(), p.database(),
                    p.label(), p.writes(), p.childQueries());
        }
    }

    private static Scenario.Pattern pick(List<Scenario.Pattern> patterns, double totalWeight, SplittableRandom random) {
        double x = random.nextDouble() * totalWeight;
        for (Scenario.Pattern p : patterns) {
            x -= p.weight();
            if (x < 0) {
                return p;
            }
        }
        return patterns.get(patterns.size() - 1);
    }

    /** Log-normal factor with median 1 and sigma 0.5: a few queries take several times the median. */
    private static double logNormal(SplittableRandom random) {
        double u1 = Math.max(random.nextDouble(), 1e-12);
        double gaussian = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
        return Math.exp(0.5 * gaussian);
    }
}
