package autopilot.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * Architecture rules every service checks on itself: services never depend on each other, only on
 * {@code autopilot.events} and {@code autopilot.runtime} (and, in test code, on {@code autopilot.testsupport}).
 */
public final class ServiceArchitecture {

    /** Root packages of the services. */
    public static final List<String> SERVICES = List.of(
            "autopilot.collector", "autopilot.analyzer", "autopilot.maintenance", "autopilot.alerting");

    private ServiceArchitecture() {
    }

    /** Production classes of a service may not touch another service, nor test support, nor the simulator. */
    public static ArchRule productionCodeStaysInItsService(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbiddenFor(servicePackage, true))
                .because("services share only the events and service-runtime modules and the queues/topics "
                        + "(docs/architecture.md, section \"Modules\")");
    }

    /** Test classes of a service may use test support and the simulator, but never another service. */
    public static ArchRule testCodeStaysInItsService(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbiddenFor(servicePackage, false))
                .because("a service's tests exercise that service, never another one");
    }

    public static JavaClasses productionClasses(String servicePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(servicePackage);
    }

    public static JavaClasses testClasses(String servicePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages(servicePackage);
    }

    private static String[] forbiddenFor(String servicePackage, boolean production) {
        List<String> forbidden = new java.util.ArrayList<>(SERVICES.stream()
                .filter(s -> !s.equals(servicePackage)).map(s -> s + "..").toList());
        if (production) {
            forbidden.add("autopilot.testsupport..");
            forbidden.add("autopilot.sim..");
        }
        return forbidden.toArray(String[]::new);
    }
}
