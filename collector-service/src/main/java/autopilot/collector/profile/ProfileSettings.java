package autopilot.collector.profile;

import autopilot.collector.config.CollectorConfig;
import java.time.Duration;

/**
 * Column profiling settings, checked: a bad value stops start-up with a message naming its key.
 *
 * @param enabled          whether the {@code column_profile} source is collected
 * @param interval         a table is re-profiled at most this often
 * @param maxTables        tables profiled per table-health collection
 * @param statementTimeout timeout of each profile statement
 * @param minRows          smaller tables are not profiled
 */
public record ProfileSettings(boolean enabled, Duration interval, int maxTables, Duration statementTimeout, long minRows) {

    private static final String PREFIX = "autopilot.collector.profile.";

    public ProfileSettings {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(PREFIX + "interval must be longer than zero (e.g. P1D), found " + interval);
        }
        if (maxTables < 1) {
            throw new IllegalArgumentException(PREFIX + "max-tables must be at least 1 (turn profiling off with "
                    + PREFIX + "enabled=false), found " + maxTables);
        }
        if (statementTimeout.toMillis() < 1000 || statementTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(PREFIX + "statement-timeout must be between 1 second and 24 days (e.g. PT5M), found "
                    + statementTimeout);
        }
        if (minRows < 0) {
            throw new IllegalArgumentException(PREFIX + "min-rows must be 0 or more, found " + minRows);
        }
    }

    public static ProfileSettings of(CollectorConfig.Profile p) {
        return new ProfileSettings(p.enabled(), p.interval(), p.maxTables(), p.statementTimeout(), p.minRows());
    }
}
