package autopilot.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The collector: where snapshots go, how often and how much it reads, and the clusters it watches. */
@ConfigMapping(prefix = "autopilot.collector")
public interface CollectorConfig {
    /** Name of the SQS queue snapshot parts are published to (default {@code autopilot-snapshots}). */
    String snapshotsQueue();

    /** Largest message body published, in bytes; SQS accepts 256 KiB. */
    @WithDefault("262144")
    int maxMessageBytes();

    /** query_group label set on every collector session, so its own statements can be told apart and left out. */
    @WithDefault("autopilot-collector")
    String queryGroup();

    /** How often table health (SVV_TABLE_INFO, slices, columns, Advisor, vacuum/analyze history) is read. */
    @WithDefault("PT15M")
    Duration tableHealthInterval();

    /** How often the workload (queries, scans, alerts, disk steps, compilation, WLM state) is read. */
    @WithDefault("PT5M")
    Duration workloadInterval();

    /** The window's upper bound stays this far behind now, so rows still being written are read next cycle. */
    @WithDefault("PT30S")
    Duration settleLag();

    /**
     * How far back the sources read whole each cycle go (loads and their rejected lines): a COPY's row
     * changes until it ends and its errors carry its start time, so they are not read by window.
     */
    @WithDefault("P1D")
    Duration recentLookback();

    /** On first contact with a cluster, how far back the workload is read. */
    @WithDefault("P1D")
    Duration initialLookback();

    /** Redshift keeps at least this much STL history; a longer absence may have lost data and is checked for gaps. */
    @WithDefault("P2D")
    Duration retentionFloor();

    /** Per-statement timeout on the monitored clusters. */
    @WithDefault("PT2M")
    Duration statementTimeout();

    /** Whether the schedules run (off for one-shot use and some tests). */
    @WithDefault("true")
    boolean scheduleEnabled();

    /** Column profiles (table design evidence): which columns are profiled, how often and how much per collection. */
    Profile profile();

    /** Clusters by id (configured; more may be discovered, see {@code autopilot.discovery}). */
    Map<String, Cluster> clusters();

    /** How collector instances share the clusters. */
    Lease lease();

    /**
     * The user's own metrics, by CloudWatch metric name: a read-only SELECT returning one number, run on
     * every workload collection of the clusters it names (collector README, "User-defined metrics").
     */
    Map<String, UserMetric> userMetrics();

    /** One user-defined metric. */
    interface UserMetric {
        /** One SELECT returning one row with one number, e.g. {@code SELECT count(*) FROM sales.orders WHERE status = 'open'}. */
        String sql();

        /** CloudWatch unit of the number ({@code Count}, {@code Seconds}, {@code Percent}, ... or {@code None}). */
        @WithDefault("None")
        String unit();

        /** Cluster ids (or globs) the SELECT runs on; it runs in each one's configured database. */
        @WithDefault("*")
        List<String> clusters();
    }

    /**
     * Leases in the collector's PostgreSQL: each instance collects the clusters it holds a lease on,
     * renews them every {@code rebalance-every}, and takes over the leases of an instance that stopped
     * renewing once they expire.
     */
    interface Lease {
        /** How long a lease lasts without renewal: an instance that dies loses its clusters after this. */
        @WithDefault("PT1M")
        Duration duration();

        /** How often leases are renewed and the clusters rebalanced (read by the scheduler as {@code ${...}}). */
        @WithDefault("5s")
        String rebalanceEvery();

        /** This instance's name as lease owner (default: host name, process id and a random suffix). */
        Optional<String> instanceId();
    }

    /**
     * Column profiling: COUNT / COUNT(DISTINCT) / most common value / longest text of distribution-key
     * and join columns (and the length of wide CHAR/VARCHAR columns), a scan per column on the cluster.
     */
    interface Profile {
        /** Whether column profiles are collected at all (the {@code column_profile} source). */
        @WithDefault("true")
        boolean enabled();

        /** A table is profiled again at most this often (unless a column not profiled yet must be added). */
        @WithDefault("P1D")
        Duration interval();

        /** At most this many tables are profiled per table-health collection, the most joined first. */
        @WithDefault("10")
        int maxTables();

        /** Statement timeout of each profile statement (longer than the collector's: a profile scans a table). */
        @WithDefault("PT5M")
        Duration statementTimeout();

        /** Tables with fewer rows (SVV_TABLE_INFO.tbl_rows) are not profiled: design advice for them (ALL) needs no profile. */
        @WithDefault("100000")
        long minRows();
    }

    /** One monitored cluster. */
    interface Cluster {
        /** {@code jdbc:redshift://host:5439/db} (add {@code ?ssl=false} for redshift-sim), or {@code jdbc:redshift:iam://...} for IAM auth. */
        String jdbcUrl();

        /** Database user (for IAM: the db user the credentials map to). */
        String user();

        /** Inline password, for local use; prefer {@code secret-id}. */
        Optional<String> password();

        /** Secrets Manager secret holding the password (plain text or JSON with a {@code password} field). */
        Optional<String> secretId();

        /** {@code auto} (detected), {@code provisioned} or {@code serverless}. */
        @WithDefault("auto")
        String kind();

        /** Connections in this cluster's pool (1-2 keeps the collector light); one pool per database collected. */
        @WithDefault("2")
        int maxConnections();

        /** Which of the cluster's databases table health is read from. */
        Databases databases();
    }

    /**
     * Databases of a cluster whose table health is collected: those SVV_REDSHIFT_DATABASES lists as
     * local, matching an {@code allow} glob and no {@code deny} glob ({@code *} and {@code ?}, case-insensitive).
     * Redshift's own databases ({@code padb_harvest}, {@code template0}/{@code template1}, {@code sys:*})
     * and datashare consumer databases (type {@code shared}) are never collected.
     */
    interface Databases {
        /** Globs a database must match one of (default: every database). */
        @WithDefault("*")
        List<String> allow();

        /** Globs of databases left out, even if allowed. */
        Optional<List<String>> deny();
    }
}
