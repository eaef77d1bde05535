package autopilot.runtime;

import autopilot.events.EventCodec;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The clock every time decision uses (injected, so a test can fix it) and the one thread-safe event
 * codec (strict decoding of the contracts in {@code events}).
 */
@Singleton
public class CoreProducers {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    @DefaultBean
    EventCodec codec() {
        return new EventCodec();
    }
}
