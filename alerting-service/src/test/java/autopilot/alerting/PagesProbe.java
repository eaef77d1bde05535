package autopilot.alerting;

import autopilot.testsupport.Moto;
import autopilot.testsupport.QueueProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS queue subscribed to the pages topic with a filter policy on the {@code cluster} attribute
 * (so it also proves the attribute is there), as on-call tooling would subscribe. Delivery is not
 * raw, so each message is SNS's envelope with Subject, Message and MessageAttributes.
 */
final class PagesProbe {

    /** One page as received. */
    record Page(String subject, String message, Map<String, String> attributes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final QueueProbe probe;

    private PagesProbe(QueueProbe probe) {
        this.probe = probe;
    }

    static PagesProbe subscribe(Moto moto, String cluster, String filterPolicy) {
        var sqs = moto.clients().sqs();
        String url = sqs.createQueue(b -> b.queueName("pages-probe-" + cluster + "-" + Math.abs(filterPolicy.hashCode()))).queueUrl();
        String arn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(url)
                .attributeNames(QueueAttributeName.QUEUE_ARN).build()).attributes().get(QueueAttributeName.QUEUE_ARN);
        moto.clients().sns().subscribe(b -> b.topicArn(moto.topology().pagesArn()).protocol("sqs").endpoint(arn)
                .attributes(Map.of("FilterPolicy", filterPolicy)));
        return new PagesProbe(new QueueProbe(sqs, url));
    }

    static PagesProbe forCluster(Moto moto, String cluster) {
        return subscribe(moto, cluster, "{\"cluster\":[\"" + cluster + "\"]}");
    }

    /** Everything that arrives within the window. */
    List<Page> collect(Duration window) {
        return probe.collect(window).stream().map(m -> parse(m.body())).toList();
    }

    /** Waits for the first page, then collects what follows for the extra window. */
    List<Page> awaitAndCollect(Duration timeout, Duration extra) {
        var first = probe.awaitMessage(m -> true, timeout);
        if (first.isEmpty()) {
            return List.of();
        }
        List<Page> all = new java.util.ArrayList<>();
        all.add(parse(first.get().body()));
        all.addAll(collect(extra));
        return all;
    }

    private static Page parse(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            Map<String, String> attributes = new java.util.TreeMap<>();
            n.path("MessageAttributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().path("Value").asText()));
            return new Page(n.path("Subject").asText(null), n.path("Message").asText(), attributes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
