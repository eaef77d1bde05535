package autopilot.sim.bench;

import autopilot.sim.model.Scenario;
import autopilot.sim.model.ScenarioLoader;
import autopilot.sim.model.WorkloadGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads a scenario for a benchmark and, when asked, changes how many tables and queries its generator makes. */
final class ScenarioSize {

    private ScenarioSize() {
    }

    static Scenario load(BenchOptions options) {
        Path file = Path.of(options.scenario());
        Scenario scenario;
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                scenario = ScenarioLoader.read(in, file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            scenario = ScenarioLoader.shipped(options.scenario());
        }
        return resize(scenario, options.tables(), options.queries());
    }

    /** The same scenario with {@code tables} generated tables and {@code queries} generated queries (null: unchanged). */
    static Scenario resize(Scenario s, Integer tables, Integer queries) {
        Scenario.Generator g = s.generator();
        if (tables == null && queries == null) {
            return s;
        }
        if (g == null) {
            throw new IllegalArgumentException("scenario " + s.name() + " has no generator to resize");
        }
        Scenario.Generator resized = new Scenario.Generator(g.seed(), tables == null ? g.tables() : tables,
                queries == null ? g.queries() : queries, g.window(), g.patterns());
        boolean spreads = g.patterns().stream().flatMap(p -> p.scans().stream()).anyMatch(scan -> "*".equals(scan.table()));
        if (spreads && resized.tables() < 1 && resized.queries() > 0) {
            throw new IllegalArgumentException("the patterns scan generated tables (\"*\"): --tables must be at least 1");
        }
        // The loader appends the generated tables after the listed ones.
        List<Scenario.Table> all = new ArrayList<>(s.tables().subList(0, s.tables().size() - Math.max(0, g.tables())));
        all.addAll(WorkloadGenerator.tables(resized));
        return new Scenario(s.name(), s.description(), s.cluster(), s.database(), s.users(), all, s.queues(), s.queries(), resized,
                s.inflight(), s.transactions(), s.advisor(), s.history(), s.live());
    }
}
