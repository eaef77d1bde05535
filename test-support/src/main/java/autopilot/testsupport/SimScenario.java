package autopilot.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against a simulated Redshift cluster (redshift-sim) on the named
 * shipped scenario; tests receive the {@link autopilot.sim.SimCluster} as a parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RedshiftSimExtension.class)
public @interface SimScenario {
    /** Shipped scenario name, e.g. {@code healthy}, {@code star-schema}. */
    String value();
}
