package autopilot.maintenance.config;

import com.cronutils.model.Cron;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The maintenance service: its queue and topic, how it runs work items, and the clusters it maintains. */
@ConfigMapping(prefix = "autopilot.maintenance")
public interface MaintenanceConfig {
    /** Name of the SQS FIFO queue work items arrive on (default {@code autopilot-maintenance-work.fifo}). */
    String workQueue();

    /** Name of the FIFO DLQ that undecodable items and items out of attempts are sent to, with their reason. */
    @WithDefault("autopilot-maintenance-work-dlq.fifo")
    String workDlq();

    /** ARN of the SNS topic maintenance outcomes are published to. Required. */
    String recommendationsTopicArn();

    /** How the work queue is read. */
    Poller poller();

    /** Failed attempts of an item before it goes to the DLQ with its error. */
    @WithDefault("3")
    int maxAttempts();

    /** How long an item stays in the queue when it is unsafe to run now (VACUUM running, busy queues). */
    @WithDefault("PT5M")
    Duration postponeDelay();

    /** Does everything but execute, and reports the exact SQL in a MaintenanceSkipped (DRY_RUN) event. */
    @WithDefault("false")
    boolean dryRun();

    /** Upper bound of one statement; inside a window it is further cut to the time the window has left. */
    @WithDefault("PT3H")
    Duration statementTimeout();

    /** query_group set on maintenance sessions (routes them to a WLM queue). */
    @WithDefault("autopilot-maintenance")
    String queryGroup();

    /** wlm_query_slot_count for maintenance sessions (more memory for VACUUM); unset leaves the cluster default. */
    OptionalInt wlmQuerySlotCount();

    /** analyze_threshold_percent for maintenance sessions; unset leaves Redshift's default (10). */
    OptionalInt analyzeThresholdPercent();

    /** Whether VACUUM ... BOOST is ever issued (only when the item asks for it and the window is open). */
    @WithDefault("false")
    boolean boost();

    /** A table Redshift vacuumed or analyzed automatically this recently is left alone. */
    @WithDefault("PT1H")
    Duration recentAutomatic();

    /** Transactions open longer than this keep a delete-phase VACUUM from reclaiming rows: it is postponed. */
    @WithDefault("PT30M")
    Duration longTransaction();

    /** With at least this many queries queued in WLM, maintenance is postponed. */
    @WithDefault("10")
    int maxQueuedQueries();

    /** VACUUM speed assumed when the cluster has no history of its own, to estimate whether a run fits the window. */
    @WithDefault("50")
    double vacuumMegabytesPerSecond();

    /** An item whose deduplication id completed this recently, on any instance (state store), is skipped as a duplicate. */
    @WithDefault("PT1H")
    Duration duplicateWindow();

    /**
     * How long run records are kept (at least 14 days, SQS's longest retention, so a redelivered item
     * is still recognised, and at least the duplicate window).
     */
    @WithDefault("P30D")
    Duration history();

    /** Clusters by id (the MessageGroupId of their work items); more may be discovered ({@code autopilot.discovery}). */
    Map<String, Cluster> clusters();

    /** Settings of discovered clusters that their tags do not give. */
    Discovered discovered();

    /**
     * Discovered clusters: their window comes from the {@code autopilot:maintenance-window} tag
     * ({@code hh:mm-hh:mm} or {@code ddd:hh:mm-ddd:hh:mm}, UTC), else from here; dry run from the
     * {@code autopilot:dry-run} tag, else {@code autopilot.maintenance.dry-run}.
     */
    interface Discovered {
        /** The window of a discovered cluster without the tag (or with one that does not parse). */
        Window window();

        /** Regular expressions over {@code schema.table}: only matching tables are maintained. */
        @WithDefault(".*")
        List<String> allow();

        /** Regular expressions over {@code schema.table}: matching tables are never maintained (wins over allow). */
        Optional<List<String>> deny();

        /** Whether items marked urgent run outside the window. */
        @WithDefault("false")
        boolean urgentAllowed();
    }

    /** Reading the work queue. */
    interface Poller {
        /** Whether this instance reads the work queue (off for tests that drive the service directly). */
        @WithDefault("true")
        boolean enabled();

        /** Long-poll wait of one receive. */
        @WithDefault("PT20S")
        Duration waitTime();

        /** When no cluster can run anything, the poller sleeps until the next window opens, at most this long. */
        @WithDefault("PT1M")
        Duration idleCheck();

        /** Visibility of a received item, renewed by the heartbeat while it is held or running. */
        @WithDefault("PT2M")
        Duration visibilityTimeout();

        /** How often held items' visibility is renewed. */
        @WithDefault("PT30S")
        Duration heartbeat();
    }

    /** One maintained cluster. */
    interface Cluster {
        /** {@code jdbc:redshift://host:5439/db} (add {@code ?ssl=false} for redshift-sim), or {@code jdbc:redshift:iam://...}. */
        String jdbcUrl();

        /** Database user: owner of the tables or superuser. */
        String user();

        /** Inline password, for local use; prefer {@code secret-id}. */
        Optional<String> password();

        /** Secrets Manager secret holding the password (plain text or JSON with a {@code password} field). */
        Optional<String> secretId();

        /** The maintenance window. */
        Window window();

        /** Regular expressions over {@code schema.table}: only matching tables are maintained. */
        @WithDefault(".*")
        List<String> allow();

        /** Regular expressions over {@code schema.table}: matching tables are never maintained (wins over allow). */
        Optional<List<String>> deny();

        /** Whether items marked urgent run outside the window. */
        @WithDefault("false")
        boolean urgentAllowed();

        /** Statement timeout for this cluster (overrides {@code autopilot.maintenance.statement-timeout}). */
        Optional<Duration> statementTimeout();

        /** Dry run for this cluster only (overrides {@code autopilot.maintenance.dry-run}). */
        Optional<Boolean> dryRun();
    }

    /** When maintenance may run: a cron expression for the opening and how long it stays open. */
    interface Window {
        /** Unix cron (minute hour day-of-month month day-of-week) of the opening; default nightly 02:00. */
        @WithDefault("0 2 * * *")
        @WithConverter(CronConverter.class)
        Cron cron();

        /** How long the window stays open. */
        @WithDefault("PT3H")
        Duration duration();

        /** Time zone of the cron expression. */
        @WithName("zone")
        @WithDefault("UTC")
        ZoneId zone();
    }
}
