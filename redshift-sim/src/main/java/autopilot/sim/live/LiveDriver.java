package autopilot.sim.live;

import autopilot.sim.catalog.LiveChanges;
import autopilot.sim.catalog.SimDatabase;
import autopilot.sim.maintenance.RedshiftStatements;
import autopilot.sim.model.Scenario;
import autopilot.sim.model.WorkloadGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a simulated cluster alive: every tick it logs the queries that "ran" since the last tick
 * (from the scenario's generator patterns) and lets the query monitoring rules act on them, loads
 * into a few tables (new rows land unsorted and statistics go stale), deletes from others (ghost
 * rows), now and then runs Redshift's automatic VACUUM DELETE or ANALYZE, and plays the scenario's
 * timeline ({@link Incident}: what ends a given time after the start). Deterministic for the
 * scenario's seed and the tick count; the timeline for the time since the start.
 */
public final class LiveDriver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveDriver.class);

    private final Scenario scenario;
    private final Scenario.Live live;
    private final String superuserUrl;
    private final RedshiftStatements redshift;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final SplittableRandom random;
    private final Incident incident;
    private long ticks;
    private Instant lastTick;

    private LiveDriver(Scenario scenario, String superuserUrl, RedshiftStatements redshift, Clock clock, Instant startedAt) {
        this.scenario = scenario;
        this.live = scenario.live();
        this.superuserUrl = superuserUrl;
        this.redshift = redshift;
        this.clock = clock;
        this.random = new SplittableRandom(scenario.generator() == null ? 1 : scenario.generator().seed() ^ 0x11FEL);
        this.lastTick = clock.instant();
        this.incident = new Incident(scenario, startedAt, live.tick());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redshift-sim-live");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts ticking; the caller closes it to stop. {@code startedAt} is when the scenario was
     * installed: its ages count back from it and its timeline forward.
     */
    public static LiveDriver start(Scenario scenario, String superuserUrl, RedshiftStatements redshift, Clock clock, Instant startedAt) {
        LiveDriver driver = new LiveDriver(scenario, superuserUrl, redshift, clock, startedAt);
        long millis = driver.live.tick().toMillis();
        driver.timer.scheduleWithFixedDelay(driver::tickSafely, millis, millis, TimeUnit.MILLISECONDS);
        log.info("Live mode: a tick every {} ms, {} queries a minute", millis, driver.live.queriesPerMinute());
        return driver;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (SQLException | RuntimeException e) {
            log.warn("Live tick failed; the next one tries again", e);
        }
    }

    /** One tick: new queries and the rules' actions on them, drift, the timeline's due changes, maybe automatic maintenance. */
    void tick() throws SQLException {
        Instant now = clock.instant();
        Duration elapsed = Duration.between(lastTick, now);
        lastTick = now;
        ticks++;
        try (Connection db = DriverManager.getConnection(superuserUrl, "postgres", "")) {
            db.setAutoCommit(false);
            int firstNew = LiveChanges.nextQueryId(db, scenario, now);
            int queries = logQueries(db, elapsed, now);
            if (queries > 0) {
                LiveChanges.applyRules(db, scenario, firstNew, now);
            }
            incident.play(db, now);
            List<Long> tables = tableIds(db);
            for (int i = 0; i < live.tablesPerTick() && !tables.isEmpty(); i++) {
                load(db, tables.get(random.nextInt(tables.size())));
                delete(db, tables.get(random.nextInt(tables.size())));
            }
            db.commit();
            incident.committed();
            if (random.nextDouble() < live.autoVacuumChance()) {
                mostGhostRows(db).ifPresent(this::autoVacuum);
            }
            if (random.nextDouble() < live.autoAnalyzeChance()) {
                stalest(db).ifPresent(this::autoAnalyze);
            }
            log.debug("Live tick {}: {} queries logged", ticks, queries);
        }
    }

    private int logQueries(Connection db, Duration elapsed, Instant now) throws SQLException {
        Scenario.Generator g = scenario.generator();
        int count = (int) Math.round(live.queriesPerMinute() * elapsed.toMillis() / 60_000.0);
        if (g == null || g.patterns().isEmpty() || count == 0) {
            return 0;
        }
        Scenario.Generator tickGenerator = new Scenario.Generator(g.seed() + ticks, g.tables(), count,
                elapsed.isZero() ? Duration.ofMillis(1) : elapsed, g.patterns());
        return SimDatabase.appendQueries(db, scenario, WorkloadGenerator.queries(tickGenerator), now);
    }

    /** A load appends rows: unsorted until a VACUUM sorts them, and statistics grow staler. */
    private void load(Connection db, long tableId) throws SQLException {
        double share = live.loadPercent() / 100;
        try (PreparedStatement perm = db.prepareStatement("UPDATE redshift_sim.stv_tbl_perm p SET \"rows\" = p.\"rows\" + round(p.\"rows\" * ?), "
                + "block_count = CASE WHEN p.block_count = 0 THEN 0 ELSE (ceil((p.block_count / (m.ncols + 3)) * (1 + ?)) * (m.ncols + 3))::int END "
                + "FROM redshift_sim.table_meta m WHERE m.table_id = p.id AND p.id = ?");
             PreparedStatement meta = db.prepareStatement("UPDATE redshift_sim.table_meta m SET stats_off = least(100, m.stats_off + ?), "
                     + "vacuum_sort_benefit = CASE WHEN m.sortkey_num > 0 THEN least(100, coalesce(m.vacuum_sort_benefit, 0) + ?) END, "
                     + "modified_rows = m.modified_rows + (SELECT round(sum(p.\"rows\") * ? / (1 + ?)) FROM redshift_sim.stv_tbl_perm p WHERE p.id = m.table_id) "
                     + "WHERE m.table_id = ?")) {
            perm.setDouble(1, share);
            perm.setDouble(2, share);
            perm.setLong(3, tableId);
            perm.executeUpdate();
            meta.setDouble(1, live.loadPercent());
            meta.setDouble(2, live.loadPercent() * 0.6);
            meta.setDouble(3, share); // the rows just added: share of the table before the load
            meta.setDouble(4, share);
            meta.setLong(5, tableId);
            meta.executeUpdate();
        }
    }

    /** A delete marks rows deleted: they stay on disk (ghost rows) until a VACUUM reclaims them. */
    private void delete(Connection db, long tableId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE redshift_sim.table_meta m SET deleted_rows = least(p.total, "
                + "m.deleted_rows + round(p.total * ?)), stats_off = least(100, m.stats_off + ?), "
                + "modified_rows = m.modified_rows + round(p.total * ?) "
                + "FROM (SELECT id, sum(\"rows\") AS total FROM redshift_sim.stv_tbl_perm WHERE id = ? GROUP BY id) p WHERE m.table_id = p.id")) {
            ps.setDouble(1, live.deletePercent() / 100);
            ps.setDouble(2, live.deletePercent());
            ps.setDouble(3, live.deletePercent() / 100);
            ps.setLong(4, tableId);
            ps.executeUpdate();
        }
    }

    private void autoVacuum(long tableId) {
        try {
            redshift.automaticVacuumDelete(tableId);
        } catch (SQLException e) {
            log.warn("Automatic vacuum of table {} failed", tableId, e);
        }
    }

    private void autoAnalyze(long tableId) {
        try {
            redshift.automaticAnalyze(tableId);
        } catch (SQLException e) {
            log.warn("Automatic analyze of table {} failed", tableId, e);
        }
    }

    private static List<Long> tableIds(Connection db) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT table_id FROM redshift_sim.table_meta ORDER BY table_id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static java.util.Optional<Long> mostGhostRows(Connection db) throws SQLException {
        return first(db, "SELECT table_id FROM redshift_sim.table_meta WHERE deleted_rows > 0 ORDER BY deleted_rows DESC LIMIT 1");
    }

    private static java.util.Optional<Long> stalest(Connection db) throws SQLException {
        return first(db, "SELECT table_id FROM redshift_sim.table_meta WHERE stats_off > 0 ORDER BY stats_off DESC LIMIT 1");
    }

    private static java.util.Optional<Long> first(Connection db, String sql) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            return rs.next() ? java.util.Optional.of(rs.getLong(1)) : java.util.Optional.empty();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
