package autopilot.sim.bench;

/**
 * Command-line options of the benchmarks: which scenario, optionally resized, and how many
 * warm-up and timed rounds of reads.
 *
 * @param scenario  shipped scenario name or YAML/JSON file
 * @param tables    generated tables instead of the scenario's, or null
 * @param queries   generated queries instead of the scenario's, or null
 * @param warmups   untimed rounds before the timed ones
 * @param rounds    timed rounds; the median counts
 * @param fetchSize rows per fetch (0: the driver's default, the whole result at once)
 */
record BenchOptions(String scenario, Integer tables, Integer queries, int warmups, int rounds, int fetchSize) {

    static final String USAGE = "[--scenario NAME|FILE] [--tables N] [--queries N] [--warmup N] [--rounds N] [--fetch-size N]";

    static BenchOptions parse(String[] args, String defaultScenario) {
        BenchOptions o = new BenchOptions(defaultScenario, null, null, 2, 5, 5_000);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("-h") || name.equals("--help")) {
                throw new IllegalArgumentException("usage: " + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value; usage: " + USAGE);
            }
            String value = args[++i];
            o = switch (name) {
                case "--scenario" -> new BenchOptions(value, o.tables, o.queries, o.warmups, o.rounds, o.fetchSize);
                case "--tables" -> new BenchOptions(o.scenario, count(name, value), o.queries, o.warmups, o.rounds, o.fetchSize);
                case "--queries" -> new BenchOptions(o.scenario, o.tables, count(name, value), o.warmups, o.rounds, o.fetchSize);
                case "--warmup" -> new BenchOptions(o.scenario, o.tables, o.queries, count(name, value), o.rounds, o.fetchSize);
                case "--rounds" -> new BenchOptions(o.scenario, o.tables, o.queries, o.warmups, Math.max(1, count(name, value)), o.fetchSize);
                case "--fetch-size" -> new BenchOptions(o.scenario, o.tables, o.queries, o.warmups, o.rounds, count(name, value));
                default -> throw new IllegalArgumentException("unknown option " + name + "; usage: " + USAGE);
            };
        }
        return o;
    }

    private static int count(String name, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a count, not '" + value + "'");
        }
    }
}
