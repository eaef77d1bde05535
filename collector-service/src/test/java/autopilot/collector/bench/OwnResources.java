package autopilot.collector.bench;

import autopilot.testsupport.MotoTestResource;
import autopilot.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * A benchmark's test profile with only its own resources (moto, PostgreSQL and its simulated
 * clusters): {@code @QuarkusTestResource} annotations apply to every test of the module, so without
 * this the other tests' simulated clusters (large-collect among them) would run in its JVM and their
 * settings (initial lookback, settle lag) would replace the defaults.
 */
abstract class OwnResources implements QuarkusTestProfile {

    private final Class<? extends QuarkusTestResourceLifecycleManager> clusters;

    OwnResources(Class<? extends QuarkusTestResourceLifecycleManager> clusters) {
        this.clusters = clusters;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MotoTestResource.class), new TestResourceEntry(PostgresTestResource.class),
                new TestResourceEntry(clusters));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
