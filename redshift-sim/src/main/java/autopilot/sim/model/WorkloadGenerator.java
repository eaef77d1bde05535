package autopilot.sim.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Expands a scenario's {@link Scenario.Generator} into concrete queries. Deterministic: the same
 * seed and patterns give the same queries, in the same order, with the same numbers.
 */
public final class WorkloadGenerator {

    private WorkloadGenerator() {
    }

    public static List<Scenario.Query> generate(Scenario.Generator generator) {
        if (generator == null || generator.queries() <= 0) {
            return List.of();
        }
        SplittableRandom random = new SplittableRandom(generator.seed());
        double totalWeight = generator.patterns().stream().mapToDouble(Scenario.Pattern::weight).sum();
        long windowMillis = generator.window().toMillis();
        List<Scenario.Query> queries = new ArrayList<>(generator.queries());
        for (int i = 0; i < generator.queries(); i++) {
            Scenario.Pattern p = pick(generator.patterns(), totalWeight, random);
            double scale = logNormal(random);
            List<Scenario.Scan> scans = new ArrayList<>();
            for (Scenario.Scan s : p.scans()) {
                double rowsScale = logNormal(random);
                scans.add(new Scenario.Scan(s.table(), s.type(), Math.round(s.rows() * rowsScale),
                        Math.round(s.rowsPreFilter() * rowsScale), Math.round(s.rowsPreUserFilter() * rowsScale),
                        Math.max(1, Math.round(s.millis() * scale)), s.rangeRestricted()));
            }
            boolean compiled = random.nextDouble() < p.compileShare();
            queries.add(new Scenario.Query(p.text().replace("{n}", Integer.toString(random.nextInt(1, 1000))), p.user(),
                    Duration.ofMillis(1 + (long) (random.nextDouble() * windowMillis)), p.serviceClass(),
                    Math.round(p.queueMillis() * logNormal(random)), Math.max(1, Math.round(p.execMillis() * scale)),
                    compiled ? p.compileMillis() : 0, false, scans, p.alerts(), p.steps()));
        }
        return queries;
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
