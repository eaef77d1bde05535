package autopilot.alerting.cloudwatch;

import autopilot.alerting.AlertingMetrics;
import autopilot.alerting.config.AlertingConfig;
import autopilot.runtime.state.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * Drains the metric outbox into CloudWatch: up to {@code batch-size} datums per PutMetricData
 * (CloudWatch takes at most 1000 per request), once a batch is full or the oldest datum has waited
 * {@code max-delay}. Throttling is retried by the CloudWatch client's SDK retry strategy (see
 * AwsClientProducer); anything else leaves the datums in the outbox for the next tick.
 */
@ApplicationScoped
public class MetricPublisher {

    /** CloudWatch refuses datums older than two weeks or more than two hours ahead. */
    static final Duration OLDEST_ACCEPTED = Duration.ofDays(14).minusHours(1);
    static final Duration NEWEST_ACCEPTED = Duration.ofHours(2);

    private final Transactions transactions;
    private final MetricOutbox outbox;
    private final CloudWatchClient cloudWatch;
    private final AlertingConfig config;
    private final Clock clock;
    private final MeterRegistry registry;

    MetricPublisher(Transactions transactions, MetricOutbox outbox, CloudWatchClient cloudWatch, AlertingConfig config, Clock clock,
                    MeterRegistry registry) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.cloudWatch = cloudWatch;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    @Scheduled(every = "${autopilot.alerting.metrics.check-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            MetricOutbox.Backlog backlog = transactions.inTransaction("reading the metric backlog", outbox::backlog);
            if (backlog.count() == 0) {
                return;
            }
            Instant now = clock.instant();
            if (backlog.count() < config.metrics().batchSize() && backlog.oldest().isAfter(now.minus(config.metrics().maxDelay()))) {
                return;
            }
            while (flushBatch() > 0) {
                // until the outbox is empty or a request fails
            }
        } catch (SdkException e) {
            registry.counter(AlertingMetrics.METRICS_PUBLISH_FAILED).increment();
            Log.warnf("Custom metrics not sent to CloudWatch, kept for retry: %s", e.getMessage());
        } catch (RuntimeException e) {
            Log.warnf("Metric outbox not drained this time: %s", e.getMessage());
        }
    }

    /** Sends one batch; @return how many datums left the outbox */
    int flushBatch() {
        Instant now = clock.instant();
        return transactions.inTransaction("taking metric datums to publish", c -> {
            List<MetricOutbox.Stored> batch = outbox.batchForUpdate(c, config.metrics().batchSize());
            List<MetricDatum> datums = batch.stream().map(MetricOutbox.Stored::datum)
                    .filter(d -> d.observedAt().isAfter(now.minus(OLDEST_ACCEPTED)) && d.observedAt().isBefore(now.plus(NEWEST_ACCEPTED)))
                    .map(MetricPublisher::datum).toList();
            if (datums.size() < batch.size()) {
                Log.warnf("Dropped %d custom metric datums CloudWatch would refuse (older than 14 days or in the future)",
                        batch.size() - datums.size());
            }
            if (!datums.isEmpty()) {
                cloudWatch.putMetricData(b -> b.namespace(config.metricsNamespace()).metricData(datums));
                registry.counter(AlertingMetrics.METRICS_PUBLISHED).increment(datums.size());
            }
            outbox.remove(c, batch.stream().map(MetricOutbox.Stored::id).toList());
            return batch.size();
        });
    }

    static MetricDatum datum(MetricDatums.Datum d) {
        List<Dimension> dimensions = new java.util.ArrayList<>();
        if (!d.clusterId().equals(MetricDatums.FLEET)) dimensions.add(Dimension.builder().name(CustomMetric.DIMENSION).value(d.clusterId()).build());
        if (d.queue() != null) dimensions.add(Dimension.builder().name(CustomMetric.QUEUE_DIMENSION).value(d.queue()).build());
        return MetricDatum.builder().metricName(d.metricName()).unit(d.unit()).value(d.value())
                .timestamp(d.observedAt()).dimensions(dimensions).build();
    }
}
