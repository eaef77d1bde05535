package autopilot.testsupport;

import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue of one's own subscribed (raw delivery) to a topic, to read what a topic carries: pages
 * as an on-call subscriber would get them, or every recommendation event. Idempotent.
 */
public final class TopicTap {

    private TopicTap() {
    }

    /** Creates the queue if needed, subscribes it to the topic once, and returns its URL. */
    public static String subscribe(SqsClient sqs, SnsClient sns, String topicArn, String queueName) {
        String url = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
        String arn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(url)
                .attributeNames(QueueAttributeName.QUEUE_ARN).build()).attributes().get(QueueAttributeName.QUEUE_ARN);
        boolean subscribed = sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions().stream()
                .anyMatch(s -> arn.equals(s.endpoint()));
        if (!subscribed) {
            sns.subscribe(SubscribeRequest.builder().topicArn(topicArn).protocol("sqs").endpoint(arn)
                    .attributes(Map.of("RawMessageDelivery", "true")).build());
        }
        return url;
    }
}
