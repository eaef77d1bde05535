package autopilot.testsupport;

import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;

/**
 * Creates the messaging topology of docs/architecture.md (section "Channels") idempotently: running it again changes
 * nothing. Used by tests (through {@link MotoExtension} / {@link MotoTestResource}) and by the local run.
 *
 * @param names           AWS names of the queues and topics
 * @param maxReceiveCount receives before a message is moved to its DLQ
 * @param visibilitySeconds default visibility timeout of the work queues
 */
public record AwsTopology(Names names, int maxReceiveCount, int visibilitySeconds) {

    /** AWS names; the defaults match every service's default configuration. */
    public record Names(String snapshots, String snapshotsDlq, String recommendations, String alertingInbox,
                        String alertingInboxDlq, String maintenanceWork, String maintenanceWorkDlq, String pages) {

        public static Names defaults() {
            return new Names("autopilot-snapshots", "autopilot-snapshots-dlq", "autopilot-recommendations",
                    "autopilot-alerting-inbox", "autopilot-alerting-inbox-dlq",
                    "autopilot-maintenance-work.fifo", "autopilot-maintenance-work-dlq.fifo", "autopilot-pages");
        }
    }

    /** What was provisioned: queue URLs and topic ARNs. */
    public record Provisioned(String snapshotsUrl, String snapshotsDlqUrl, String recommendationsArn,
                              String alertingInboxUrl, String alertingInboxDlqUrl,
                              String maintenanceWorkUrl, String maintenanceWorkDlqUrl, String pagesArn) {
    }

    /** The topology with default names, a low receive count and a short visibility, for tests. */
    public static AwsTopology forTests() {
        return new AwsTopology(Names.defaults(), 2, 5);
    }

    public Provisioned provision(SqsClient sqs, SnsClient sns) {
        String snapshotsDlq = queue(sqs, names.snapshotsDlq(), Map.of());
        String snapshots = queue(sqs, names.snapshots(), Map.of());
        redrive(sqs, snapshots, snapshotsDlq);

        String inboxDlq = queue(sqs, names.alertingInboxDlq(), Map.of());
        String inbox = queue(sqs, names.alertingInbox(), Map.of());
        redrive(sqs, inbox, inboxDlq);

        Map<QueueAttributeName, String> fifo = Map.of(QueueAttributeName.FIFO_QUEUE, "true");
        String workDlq = queue(sqs, names.maintenanceWorkDlq(), fifo);
        String work = queue(sqs, names.maintenanceWork(), fifo);
        redrive(sqs, work, workDlq);

        String recommendations = sns.createTopic(b -> b.name(names.recommendations())).topicArn();
        String pages = sns.createTopic(b -> b.name(names.pages())).topicArn();
        String inboxArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(inbox)
                .attributeNames(QueueAttributeName.QUEUE_ARN).build()).attributes().get(QueueAttributeName.QUEUE_ARN);
        boolean subscribed = sns.listSubscriptionsByTopic(b -> b.topicArn(recommendations)).subscriptions().stream()
                .anyMatch(s -> s.endpoint().equals(inboxArn));
        if (!subscribed) {
            sns.subscribe(SubscribeRequest.builder().topicArn(recommendations).protocol("sqs").endpoint(inboxArn)
                    .attributes(Map.of("RawMessageDelivery", "true")).build());
        }
        return new Provisioned(snapshots, snapshotsDlq, recommendations, inbox, inboxDlq, work, workDlq, pages);
    }

    private String queue(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> all = new java.util.HashMap<>(attributes);
        all.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds));
        return sqs.createQueue(CreateQueueRequest.builder().queueName(name).attributes(all).build()).queueUrl();
    }

    private void redrive(SqsClient sqs, String queueUrl, String dlqUrl) {
        String dlqArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(dlqUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN).build()).attributes().get(QueueAttributeName.QUEUE_ARN);
        String policy = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
        sqs.setQueueAttributes(SetQueueAttributesRequest.builder().queueUrl(queueUrl)
                .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)).build());
    }
}
