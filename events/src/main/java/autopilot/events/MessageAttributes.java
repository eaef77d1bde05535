package autopilot.events;

/**
 * Names of the SNS/SQS message attributes producers set so subscribers can filter without
 * parsing bodies (SNS subscription filter policies match on these).
 */
public final class MessageAttributes {
    public static final String EVENT_TYPE = "eventType";
    public static final String CLUSTER = "cluster";
    public static final String SEVERITY = "severity";
    public static final String CATEGORY = "category";

    private MessageAttributes() {
    }
}
