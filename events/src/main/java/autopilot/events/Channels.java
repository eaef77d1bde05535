package autopilot.events;

/**
 * Logical channel names shared by code, configuration and tests. The AWS names of the queues and
 * topics behind them are configuration (see each service's {@code application.properties}).
 */
public final class Channels {
    /** SQS standard queue + DLQ: collector -> analyzer. */
    public static final String SNAPSHOTS = "snapshots";
    /** SNS topic: analyzer and maintenance -> alerting (through an SQS subscription) and other systems. */
    public static final String RECOMMENDATIONS = "recommendations";
    /** SQS queue subscribed to the recommendations topic, consumed by alerting. */
    public static final String ALERTING_INBOX = "alerting-inbox";
    /** SQS FIFO queue + FIFO DLQ, MessageGroupId = cluster id: analyzer -> maintenance. */
    public static final String MAINTENANCE_WORK = "maintenance-work";
    /** SNS topic: alerting (and CloudWatch alarm actions) -> on-call. */
    public static final String PAGES = "pages";

    private Channels() {
    }
}
