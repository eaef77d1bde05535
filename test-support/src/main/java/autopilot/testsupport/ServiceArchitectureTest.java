package autopilot.testsupport;

import org.junit.jupiter.api.Test;

/**
 * The architecture checks every service runs on itself, written once: a service's
 * {@code ArchitectureTest} extends this with its root package.
 */
public abstract class ServiceArchitectureTest {

    private final String service;

    protected ServiceArchitectureTest(String servicePackage) {
        this.service = servicePackage;
    }

    @Test
    void productionCodeDependsOnNoOtherService() {
        ServiceArchitecture.productionCodeStaysInItsService(service).check(ServiceArchitecture.productionClasses(service));
    }

    @Test
    void testCodeDependsOnNoOtherService() {
        ServiceArchitecture.testCodeStaysInItsService(service).check(ServiceArchitecture.testClasses(service));
    }
}
