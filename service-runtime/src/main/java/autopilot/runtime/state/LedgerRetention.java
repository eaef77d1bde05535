package autopilot.runtime.state;

import java.time.Duration;

/**
 * How long a ledger of processed events (or runs) must be kept for redeliveries to be recognised.
 * This is a rule of the services' state, not of the event contracts, so it lives here.
 */
public final class LedgerRetention {

    /**
     * The longest an SQS queue keeps a message (MessageRetentionPeriod at most 14 days), so the oldest
     * event that can be delivered again: a ledger kept at least this long recognises every redelivery.
     */
    public static final Duration LONGEST_REDELIVERY = Duration.ofDays(14);

    private LedgerRetention() {
    }

    /**
     * Checks the retention of a ledger (configuration key {@code key}): it must cover
     * {@link #LONGEST_REDELIVERY} and the window (key {@code windowKey}) it is read for.
     *
     * @throws IllegalArgumentException naming both keys, for start-up to stop on
     */
    public static void requireCovers(String key, Duration history, String windowKey, Duration window) {
        if (history.compareTo(LONGEST_REDELIVERY) < 0 || history.compareTo(window) < 0) {
            throw new IllegalArgumentException(key + " must be at least " + LONGEST_REDELIVERY.toDays() + " days (SQS's longest "
                    + "retention, so a redelivered message is still recognised) and at least " + windowKey + " (" + window
                    + "); found " + history);
        }
    }
}
