package autopilot.testsupport;

import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link SimScenario}: starts one simulated cluster per scenario per test
 * JVM (starting one takes a few seconds) and stops them all when the JVM exits. Tests that change
 * a cluster (maintenance) should use {@link SimCluster#start} themselves for a private one.
 */
public final class RedshiftSimExtension implements ParameterResolver {

    private static final Map<String, SimCluster> CLUSTERS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CLUSTERS.values().forEach(SimCluster::close), "redshift-sim-stop"));
    }

    /** The shared cluster of a shipped scenario, started on first use. */
    public static SimCluster shared(String scenario) {
        return CLUSTERS.computeIfAbsent(scenario, name -> SimCluster.start(ScenarioLoader.shipped(name), 0));
    }

    /**
     * The shared cluster of a shipped scenario with live mode off, for tests that count rows: a live
     * cluster logs queries that ended a moment ago, so a count taken after a read can differ from it.
     */
    public static SimCluster sharedStill(String scenario) {
        return CLUSTERS.computeIfAbsent(scenario + " (still)", name -> SimCluster.start(ScenarioLoader.shipped(scenario).withLive(null), 0));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SimCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SimScenario scenario = context.getRequiredTestClass().getAnnotation(SimScenario.class);
        if (scenario == null) {
            throw new IllegalStateException("annotate " + context.getRequiredTestClass().getSimpleName()
                    + " with @SimScenario(\"<scenario>\") to get a SimCluster");
        }
        return shared(scenario.value());
    }
}
