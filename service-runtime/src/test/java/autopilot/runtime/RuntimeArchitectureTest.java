package autopilot.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import autopilot.testsupport.ServiceArchitecture;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** The runtime is what services stand on; it never reaches back into one of them. */
class RuntimeArchitectureTest {

    @Test
    void theRuntimeDependsOnNoService() {
        JavaClasses runtime = ServiceArchitecture.productionClasses("autopilot.runtime");
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                ServiceArchitecture.SERVICES.stream().map(s -> s + "..").toArray(String[]::new))
                .because("services share the runtime; a runtime that knew a service would couple them again")
                .check(runtime);
    }
}
