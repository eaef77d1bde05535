package autopilot.maintenance;

import autopilot.sim.SimCluster;
import autopilot.sim.model.ScenarioLoader;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Private simulated clusters (maintenance changes them) on the maintenance-backlog scenario, and the
 * clusters configured on top of them: {@code fast} (VACUUM at once; deny list), {@code dry} (same
 * cluster, dry run), {@code slow} (a sort of the 2.8 TB archive table takes about 4 s),
 * {@code slowcap} (same, 1 s statement timeout), {@code night} (its own cluster, nightly window),
 * {@code down} (nothing listens), {@code durable} (its own cluster like {@code slow}, for the
 * outage test), {@code queueing} (the {@code fast} cluster, dry run, for the postponement test),
 * {@code closed} (the {@code fast} cluster, dry run, its window closed for hours: poison behind a waiting item),
 * {@code foreign} (the {@code slow} cluster as {@code monitor}, a user that owns no table), {@code blind}
 * (the {@code durable} cluster as {@code monitor} without SYSLOG ACCESS UNRESTRICTED), {@code multi} (the
 * multi-database scenario, configured on its dev database).
 */
public class SimClustersResource implements QuarkusTestResourceLifecycleManager {

    static SimCluster fast;
    static SimCluster slow;
    static SimCluster night;
    static SimCluster durable;
    /** The multi-database scenario (dev, analytics); the collector-style URL names dev. */
    static SimCluster multi;
    /** The console test's own cluster (its pages show exactly what that test sent). */
    static SimCluster pages;
    /** When the {@code closed} cluster's window opens (the start of an hour, twelve hours ahead). */
    static final Instant CLOSED_OPENS_AT = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(12));
    /**
     * When the {@code night} cluster's daily window (the default three hours) opens: eighteen hours ahead, so the real
     * clock is never inside it (a fixed 02:00 made the test fail when CI ran between 02:00 and 05:00 UTC).
     */
    static final Instant NIGHT_OPENS_AT = CLOSED_OPENS_AT.plus(Duration.ofHours(6));

    /** A cluster whose manual VACUUM history is cleared, so run-time estimates use the configured speed. */
    static SimCluster start(double vacuumMbPerSecond) {
        SimCluster cluster = SimCluster.start(ScenarioLoader.shipped("maintenance-backlog"),
                SimCluster.Options.defaults().withVacuumSpeed(vacuumMbPerSecond));
        try (Connection db = cluster.underlyingConnection(); Statement st = db.createStatement()) {
            st.execute("DELETE FROM redshift_sim.sys_vacuum_history WHERE NOT is_automatic");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return cluster;
    }

    @Override
    public synchronized Map<String, String> start() {
        if (fast == null) {
            fast = start(1e9);
            slow = start(4e5);
            night = start(1e9);
            durable = start(2e5); // its VACUUM of clicks_archive takes ~8 s: room to stop moto while it runs, even on a loaded machine
            pages = start(4e5); // like slow: a sort of clicks_archive takes seconds, long enough to be seen running
            multi = SimCluster.start(ScenarioLoader.shipped("multi-database"), SimCluster.Options.defaults().withVacuumSpeed(1e9));
            // monitor gets what the README grants a maintenance user that is no superuser (its systemAccess lacks
            // PG_STATISTIC_INDICATOR); on the durable cluster it then reads every system table but only its own
            // rows (no SYSLOG ACCESS UNRESTRICTED).
            try (Connection slowDb = slow.underlyingConnection(); Statement slowSt = slowDb.createStatement();
                 Connection db = durable.underlyingConnection(); Statement st = db.createStatement()) {
                slowSt.execute("GRANT SELECT ON pg_catalog.pg_statistic_indicator TO monitor");
                st.execute("GRANT SELECT ON pg_catalog.pg_statistic_indicator TO monitor");
                st.execute("REVOKE redshift_syslog_unrestricted FROM monitor");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, String> config = new HashMap<>();
        alwaysOpen(config, "fast", fast);
        config.put("autopilot.maintenance.clusters.fast.deny", "public[.]lookup");
        alwaysOpen(config, "dry", fast);
        config.put("autopilot.maintenance.clusters.dry.dry-run", "true");
        alwaysOpen(config, "slow", slow);
        config.put("autopilot.maintenance.clusters.slow.statement-timeout", "PT30S");
        alwaysOpen(config, "slowcap", slow);
        config.put("autopilot.maintenance.clusters.slowcap.statement-timeout", "PT1S");
        alwaysOpen(config, "durable", durable);
        alwaysOpen(config, "multi", multi);
        // The slow cluster as monitor, which owns no table and is no superuser (but reads every system table).
        alwaysOpen(config, "foreign", slow);
        config.put("autopilot.maintenance.clusters.foreign.user", "monitor");
        config.put("autopilot.maintenance.clusters.foreign.password", "Monitor-pass1");
        alwaysOpen(config, "blind", durable);
        config.put("autopilot.maintenance.clusters.blind.user", "monitor");
        config.put("autopilot.maintenance.clusters.blind.password", "Monitor-pass1");
        // Open all day, one window a day (so "once per window" means once a day, not once a minute).
        cluster(config, "queueing", fast.jdbcUrl());
        config.put("autopilot.maintenance.clusters.queueing.window.cron", "0 0 * * *");
        config.put("autopilot.maintenance.clusters.queueing.window.duration", "PT24H");
        config.put("autopilot.maintenance.clusters.queueing.dry-run", "true");
        // Closed for the next eleven hours whenever the tests run: its window opens twelve hours from now, for an hour.
        cluster(config, "closed", fast.jdbcUrl());
        config.put("autopilot.maintenance.clusters.closed.window.cron", "0 " + CLOSED_OPENS_AT.atZone(ZoneOffset.UTC).getHour() + " * * *");
        config.put("autopilot.maintenance.clusters.closed.window.duration", "PT1H");
        config.put("autopilot.maintenance.clusters.closed.dry-run", "true");
        cluster(config, "night", night.jdbcUrl());
        config.put("autopilot.maintenance.clusters.night.window.cron", "0 " + NIGHT_OPENS_AT.atZone(ZoneOffset.UTC).getHour() + " * * *");
        cluster(config, "down", "jdbc:redshift://127.0.0.1:" + unusedPort() + "/dev?ssl=false&loginTimeout=2");
        config.put("autopilot.maintenance.clusters.down.urgent-allowed", "true");
        // The console test: pages (always open), pages-shut (same cluster, window opening at CLOSED_OPENS_AT, dry run),
        // pages-down (nothing listens).
        alwaysOpen(config, "pages", pages);
        cluster(config, "pages-shut", pages.jdbcUrl());
        config.put("autopilot.maintenance.clusters.pages-shut.window.cron", "0 " + CLOSED_OPENS_AT.atZone(ZoneOffset.UTC).getHour() + " * * *");
        config.put("autopilot.maintenance.clusters.pages-shut.window.duration", "PT1H");
        config.put("autopilot.maintenance.clusters.pages-shut.dry-run", "true");
        alwaysOpen(config, "pages-down", null);
        config.put("autopilot.maintenance.clusters.pages-down.jdbc-url", "jdbc:redshift://127.0.0.1:" + unusedPort() + "/dev?ssl=false&loginTimeout=2");
        config.put("autopilot.maintenance.poller.wait-time", "PT1S");
        config.put("autopilot.maintenance.poller.visibility-timeout", "PT3S");
        config.put("autopilot.maintenance.poller.heartbeat", "PT1S");
        config.put("autopilot.maintenance.postpone-delay", "PT2S");
        config.put("autopilot.maintenance.max-attempts", "2");
        config.put("autopilot.maintenance.vacuum-megabytes-per-second", "1e7");
        // Below Redshift's default 10, so the scenario's 4 %-stale orders_history is analyzed too.
        config.put("autopilot.maintenance.analyze-threshold-percent", "2");
        return config;
    }

    /** A window that opens every minute and lasts a day: always open. */
    private static void alwaysOpen(Map<String, String> config, String id, SimCluster sim) {
        cluster(config, id, sim == null ? "" : sim.jdbcUrl());
        config.put("autopilot.maintenance.clusters." + id + ".window.cron", "* * * * *");
        config.put("autopilot.maintenance.clusters." + id + ".window.duration", "PT24H");
    }

    private static void cluster(Map<String, String> config, String id, String url) {
        config.put("autopilot.maintenance.clusters." + id + ".jdbc-url", url);
        config.put("autopilot.maintenance.clusters." + id + ".user", "admin");
        config.put("autopilot.maintenance.clusters." + id + ".password", "Admin-pass1");
    }

    static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // the simulated clusters live as long as the test JVM (their embedded PostgreSQL stops at exit)
    }
}
