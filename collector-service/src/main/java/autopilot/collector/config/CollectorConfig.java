package autopilot.collector.config;

import io.smallrye.config.ConfigMapping;

/** The collector's channels. */
@ConfigMapping(prefix = "autopilot.collector")
public interface CollectorConfig {
    /** Name of the SQS queue snapshot parts are published to (default {@code autopilot-snapshots}). */
    String snapshotsQueue();
}
