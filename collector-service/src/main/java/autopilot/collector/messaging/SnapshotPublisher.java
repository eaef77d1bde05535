package autopilot.collector.messaging;

import autopilot.collector.CollectorMetrics;
import autopilot.collector.config.CollectorConfig;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.MessageAttributes;
import autopilot.runtime.aws.TextAttributes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends snapshot events to the snapshots queue. A message counts as sent only when SQS accepted
 * it; failures are retried with exponential backoff without limit (SmallRye Fault Tolerance), so
 * a part is never skipped: during an SQS outage the cycle waits and the watermark stays put.
 */
@ApplicationScoped
public class SnapshotPublisher {

    private final SqsClient sqs;
    private final EventCodec codec;
    private final CollectorConfig config;
    private final MeterRegistry registry;
    private volatile String queueUrl;

    SnapshotPublisher(SqsClient sqs, EventCodec codec, CollectorConfig config, MeterRegistry registry) {
        this.sqs = sqs;
        this.codec = codec;
        this.config = config;
        this.registry = registry;
    }

    /** Encodes the event; the caller checks the size before publishing. */
    public String encode(EventEnvelope<?> event) {
        return codec.encode(event);
    }

    @Retry(maxRetries = -1, delay = 200, maxDuration = 0, jitter = 100)
    @ExponentialBackoff(factor = 2, maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void publish(String clusterId, String eventType, String source, String body) {
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl()).messageBody(body).messageAttributes(Map.of(
                    MessageAttributes.EVENT_TYPE, TextAttributes.sqs(eventType),
                    MessageAttributes.CLUSTER, TextAttributes.sqs(clusterId),
                    "source", TextAttributes.sqs(source))));
            registry.counter(CollectorMetrics.PARTS_PUBLISHED, "cluster", clusterId, "source", source).increment();
            registry.counter(CollectorMetrics.BYTES_PUBLISHED, "cluster", clusterId).increment(body.length());
        } catch (RuntimeException e) {
            registry.counter(CollectorMetrics.PUBLISH_FAILURES, "cluster", clusterId).increment();
            Log.warnf("Publishing %s of %s to %s failed (%s); retrying with backoff", source, clusterId,
                    config.snapshotsQueue(), e.getMessage());
            queueUrl = null;
            throw e;
        }
    }

    private String queueUrl() {
        String url = queueUrl;
        if (url == null) {
            url = sqs.getQueueUrl(b -> b.queueName(config.snapshotsQueue())).queueUrl();
            queueUrl = url;
        }
        return url;
    }
}
