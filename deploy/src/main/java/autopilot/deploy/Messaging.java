package autopilot.deploy;

import autopilot.events.Channels;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The messaging topology of docs/architecture.md (section "Channels"), with the same AWS names the services default to and
 * test-support's {@code AwsTopology} provisions locally: each queue with its DLQ (the maintenance
 * queue and its DLQ FIFO), the two topics, and the alerting inbox subscribed raw to the
 * recommendations topic. Queues are encrypted with SQS-managed keys; topics with a customer-managed
 * KMS key that CloudWatch alarms may use (alarm actions publish to the pages topic).
 */
public final class Messaging extends Construct {

    /** AWS name of a channel: the services' default configuration values. */
    static String awsName(String channel) {
        return "autopilot-" + channel;
    }

    static final String FIFO = ".fifo";
    static final String DLQ = "-dlq";

    private final Queue snapshots;
    private final Queue snapshotsDlq;
    private final Queue alertingInbox;
    private final Queue alertingInboxDlq;
    private final Queue maintenanceWork;
    private final Queue maintenanceWorkDlq;
    private final Topic recommendations;
    private final Topic pages;

    Messaging(Construct scope, String id, DeploySettings settings) {
        super(scope, id);
        snapshotsDlq = dlq("SnapshotsDlq", awsName(Channels.SNAPSHOTS) + DLQ, false);
        snapshots = queue("Snapshots", awsName(Channels.SNAPSHOTS), snapshotsDlq, false, settings);
        alertingInboxDlq = dlq("AlertingInboxDlq", awsName(Channels.ALERTING_INBOX) + DLQ, false);
        alertingInbox = queue("AlertingInbox", awsName(Channels.ALERTING_INBOX), alertingInboxDlq, false, settings);
        maintenanceWorkDlq = dlq("MaintenanceWorkDlq", awsName(Channels.MAINTENANCE_WORK) + DLQ + FIFO, true);
        maintenanceWork = queue("MaintenanceWork", awsName(Channels.MAINTENANCE_WORK) + FIFO, maintenanceWorkDlq, true, settings);

        Key topicKey = Key.Builder.create(this, "TopicKey")
                .description("Encrypts the Redshift Autopilot SNS topics at rest")
                .enableKeyRotation(true)
                .build();
        // CloudWatch alarm actions publish to the pages topic; with a customer-managed key SNS needs
        // CloudWatch to be allowed to use the key, or the alarm notifications are dropped.
        topicKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublishToEncryptedTopics")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                .build());
        recommendations = Topic.Builder.create(this, "Recommendations")
                .topicName(awsName(Channels.RECOMMENDATIONS)).masterKey(topicKey).build();
        pages = Topic.Builder.create(this, "Pages").topicName(awsName(Channels.PAGES)).masterKey(topicKey).build();

        // Raw delivery: the alerting service reads the event JSON itself, not an SNS envelope.
        recommendations.addSubscription(SqsSubscription.Builder.create(alertingInbox).rawMessageDelivery(true).build());
        if (!settings.pagesEmail().isEmpty()) {
            pages.addSubscription(EmailSubscription.Builder.create(settings.pagesEmail()).build());
        }
    }

    private Queue dlq(String id, String name, boolean fifo) {
        return Queue.Builder.create(this, id)
                .queueName(name)
                .fifo(fifo ? true : null)
                .encryption(QueueEncryption.SQS_MANAGED)
                .retentionPeriod(Duration.days(14))
                .build();
    }

    private Queue queue(String id, String name, Queue dlq, boolean fifo, DeploySettings settings) {
        return Queue.Builder.create(this, id)
                .queueName(name)
                .fifo(fifo ? true : null)
                .encryption(QueueEncryption.SQS_MANAGED)
                .visibilityTimeout(Duration.seconds(settings.visibilityTimeoutSeconds()))
                .retentionPeriod(Duration.days(4))
                .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(settings.maxReceiveCount()).build())
                .build();
    }

    public Queue snapshots() {
        return snapshots;
    }

    public Queue alertingInbox() {
        return alertingInbox;
    }

    public Queue maintenanceWork() {
        return maintenanceWork;
    }

    public Topic recommendations() {
        return recommendations;
    }

    public Topic pages() {
        return pages;
    }

    /** Every dead-letter queue by AWS name, for the depth alarms. */
    public Map<String, Queue> deadLetterQueues() {
        return Map.of(awsName(Channels.SNAPSHOTS) + DLQ, snapshotsDlq,
                awsName(Channels.ALERTING_INBOX) + DLQ, alertingInboxDlq,
                awsName(Channels.MAINTENANCE_WORK) + DLQ + FIFO, maintenanceWorkDlq);
    }
}
