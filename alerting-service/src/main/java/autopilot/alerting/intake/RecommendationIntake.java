package autopilot.alerting.intake;

import autopilot.alerting.AlertingMetrics;
import autopilot.alerting.cloudwatch.MetricDatums;
import autopilot.alerting.cloudwatch.MetricOutbox;
import autopilot.alerting.paging.IncidentPolicy;
import autopilot.alerting.paging.PageSignals;
import autopilot.alerting.paging.Paging;
import autopilot.alerting.paging.Signal;
import autopilot.runtime.state.Transactions;
import autopilot.alerting.store.ProcessedEvents;
import autopilot.events.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one inbound event in one PostgreSQL transaction: records its id (a re-delivery changes
 * nothing), queues its custom metric datums and applies its paging signals. Once this returns, the
 * inbox message may be deleted: the outboxes hold what still has to reach CloudWatch and SNS.
 */
@ApplicationScoped
public class RecommendationIntake {

    private final Transactions transactions;
    private final ProcessedEvents processed;
    private final MetricOutbox metrics;
    private final Paging paging;
    private final Clock clock;
    private final MeterRegistry registry;

    RecommendationIntake(Transactions transactions, ProcessedEvents processed, MetricOutbox metrics, Paging paging, Clock clock,
                         MeterRegistry registry) {
        this.transactions = transactions;
        this.processed = processed;
        this.metrics = metrics;
        this.paging = paging;
        this.clock = clock;
        this.registry = registry;
    }

    /** @return true when the event was new */
    public boolean accept(EventEnvelope<?> event) {
        Instant now = clock.instant();
        List<IncidentPolicy.Outcome> outcomes = new ArrayList<>();
        boolean fresh = transactions.inTransaction("applying a recommendation event", c -> {
            if (!processed.markProcessed(c, event, now)) {
                return false;
            }
            metrics.add(c, MetricDatums.from(event), now);
            for (Signal signal : PageSignals.from(event)) {
                outcomes.add(paging.apply(c, event.eventId(), signal, now));
            }
            return true;
        });
        outcomes.stream().filter(o -> o == IncidentPolicy.Outcome.SUPPRESS)
                .forEach(o -> registry.counter(AlertingMetrics.PAGES_SUPPRESSED).increment());
        Log.debugf("%s %s for %s%s", event.eventType(), event.eventId(), event.clusterId(),
                fresh ? " " + outcomes : " re-delivered; ignored");
        return fresh;
    }
}
