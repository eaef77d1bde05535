package autopilot.collector.bench;

import autopilot.collector.config.CollectorConfig;
import autopilot.collector.snapshot.CollectionService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;

/** What the in-process benchmarks drive and read: the collection service, its metrics and its configuration. */
abstract class CollectorUnderTest {

    @Inject
    CollectionService collections;

    @Inject
    MeterRegistry registry;

    @Inject
    CollectorConfig config;
}
