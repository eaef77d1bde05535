package autopilot.runtime.aws;

/**
 * String message attributes, the only kind the services send (event type, cluster, severity, ...),
 * for SQS and for SNS, whose SDKs each have their own attribute class.
 */
public final class TextAttributes {

    private TextAttributes() {
    }

    /** An SQS message attribute of type String. */
    public static software.amazon.awssdk.services.sqs.model.MessageAttributeValue sqs(String value) {
        return software.amazon.awssdk.services.sqs.model.MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** An SNS message attribute of type String. */
    public static software.amazon.awssdk.services.sns.model.MessageAttributeValue sns(String value) {
        return software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
