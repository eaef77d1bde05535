package autopilot.runtime.health;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Readiness of the AWS channels a service uses ({@code aws-channels}): up only when every queue
 * resolves, every topic answers and every other probe passes; down with the first error otherwise.
 * A service's readiness check lists its channels and returns {@link #check()}.
 */
public final class ChannelProbe {

    private record Probe(String name, Supplier<String> call) {
    }

    private final List<Probe> probes = new ArrayList<>();

    /** A queue by channel name and SQS queue name; reported with its URL. */
    public ChannelProbe queue(String channel, SqsClient sqs, String queueName) {
        probes.add(new Probe(channel, () -> sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl()));
        return this;
    }

    /** A topic by channel name and ARN; reported with its ARN. */
    public ChannelProbe topic(String channel, SnsClient sns, String topicArn) {
        probes.add(new Probe(channel, () -> {
            sns.getTopicAttributes(b -> b.topicArn(topicArn));
            return topicArn;
        }));
        return this;
    }

    /** Any other AWS service the service cannot work without; reported as reachable. */
    public ChannelProbe service(String name, Runnable call) {
        probes.add(new Probe(name, () -> {
            call.run();
            return "reachable";
        }));
        return this;
    }

    public HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("aws-channels");
        try {
            for (Probe probe : probes) response.withData(probe.name(), probe.call().get());
            return response.up().build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
