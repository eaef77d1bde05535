package autopilot.maintenance;

import autopilot.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final String SERVICE = "autopilot.maintenance";

    @Test
    void productionCodeDependsOnNoOtherService() {
        ServiceArchitecture.productionCodeStaysInItsService(SERVICE).check(ServiceArchitecture.productionClasses(SERVICE));
    }

    @Test
    void testCodeDependsOnNoOtherService() {
        ServiceArchitecture.testCodeStaysInItsService(SERVICE).check(ServiceArchitecture.testClasses(SERVICE));
    }
}
