package autopilot.collector.source;

import autopilot.events.ClusterKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One system-table source the collector reads: a named SQL statement (a resource next to this
 * class, one per cluster kind) that is either a full read of current state or an incremental read
 * of a time window.
 *
 * @param name        logical name, the {@code source} of the snapshot parts
 * @param incremental whether the SQL takes a window ({@code from}, {@code to}, own label) to read
 * @param group       sources of one group are collected together on one schedule
 * @param watermark   name of the watermark the window advances (shared by sources keyed on the same time)
 * @param recent      whether the SQL reads everything since one time ({@code now -
 *                    autopilot.collector.recent-lookback}) every cycle: logs whose rows change or carry
 *                    a time older than when they were written (a COPY's row, its errors' start time)
 */
public record Source(String name, boolean incremental, Group group, String watermark, boolean recent) {

    public Source(String name, boolean incremental, Group group, String watermark) {
        this(name, incremental, group, watermark, false);
    }

    /** Collection schedules. */
    public enum Group { TABLE_HEALTH, WORKLOAD }

    /** The SQL for a cluster kind: its own version if the views differ, else the one both kinds share. */
    public String sql(ClusterKind kind) {
        String own = "/autopilot/collector/sql/" + kind.name().toLowerCase() + "/" + name + ".sql";
        String shared = "/autopilot/collector/sql/common/" + name + ".sql";
        InputStream found = Source.class.getResourceAsStream(own);
        try (InputStream in = found != null ? found : Source.class.getResourceAsStream(shared)) {
            if (in == null) {
                throw new IllegalStateException("no SQL for source " + name + " on " + kind);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
