package autopilot.maintenance.messaging;

import autopilot.events.EventCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The shared, thread-safe event codec. */
class CodecProducer {
    @Produces
    @Singleton
    EventCodec codec() {
        return new EventCodec();
    }
}
