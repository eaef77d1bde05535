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

    /**
     * The longest an SQS queue keeps a message (MessageRetentionPeriod at most 14 days), so the oldest
     * event that can be delivered again: a ledger of processed events kept at least this long
     * recognises every redelivery.
     */
    public static final java.time.Duration LONGEST_REDELIVERY = java.time.Duration.ofDays(14);

    /**
     * Checks the retention of a ledger of processed events or runs (configuration key {@code key}):
     * it must cover {@link #LONGEST_REDELIVERY} and the window (key {@code windowKey}) it is read for.
     *
     * @throws IllegalArgumentException naming both keys, for start-up to stop on
     */
    public static void requireLedgerCovers(String key, java.time.Duration history, String windowKey, java.time.Duration window) {
        if (history.compareTo(LONGEST_REDELIVERY) < 0 || history.compareTo(window) < 0) {
            throw new IllegalArgumentException(key + " must be at least " + LONGEST_REDELIVERY.toDays() + " days (SQS's longest "
                    + "retention, so a redelivered message is still recognised) and at least " + windowKey + " (" + window
                    + "); found " + history);
        }
    }

    private Channels() {
    }
}
