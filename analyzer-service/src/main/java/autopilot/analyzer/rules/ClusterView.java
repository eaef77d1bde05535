package autopilot.analyzer.rules;

import autopilot.analyzer.model.DesignFacts;
import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.TableHistory;
import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.events.ClusterKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the rules may look at for one cluster at one moment: the latest known tables and the
 * workload of the window ending now. Table rules run only when the tables come from the snapshot
 * being analysed, workload rules only when it brought workload: a snapshot without the data can
 * neither raise nor resolve a finding that depends on it.
 *
 * @param tables         the latest known tables (empty if none are known yet)
 * @param freshTables    whether {@code tables} come from the snapshot being analysed
 * @param workload       the workload window, or null when nothing is known; table rules read usage from it
 * @param freshWorkload  whether the snapshot being analysed brought workload
 * @param workloadWindow how long a period {@code workload} covers (for per-day rates)
 * @param history        each table's recent observations by table id, before this snapshot (empty when not loaded)
 * @param design         column profiles and Redshift's own recommendations, for table design advice
 * @param onCall         what the cluster does at the moment of the snapshot (disk, locks, running queries, loads) and which
 *                       sources the snapshot carried: a rule runs only when its {@link Rule#sources()} are among them
 * @param usage          usage, price and budget when the snapshot carried a usage source, else null
 */
public record ClusterView(String clusterId, ClusterKind kind, Instant asOf, List<TableState> tables, boolean freshTables,
                          Workload workload, boolean freshWorkload, Duration workloadWindow, Thresholds thresholds,
                          Map<Long, TableHistory> history, DesignFacts design, OnCall onCall,
                          autopilot.analyzer.model.UsageView usage) {

    /** A view of a snapshot without a usage source. */
    public ClusterView(String clusterId, ClusterKind kind, Instant asOf, List<TableState> tables, boolean freshTables,
                       Workload workload, boolean freshWorkload, Duration workloadWindow, Thresholds thresholds,
                       Map<Long, TableHistory> history, DesignFacts design, OnCall onCall) {
        this(clusterId, kind, asOf, tables, freshTables, workload, freshWorkload, workloadWindow, thresholds, history, design, onCall, null);
    }

    /** A view without on-call sources. */
    public ClusterView(String clusterId, ClusterKind kind, Instant asOf, List<TableState> tables, boolean freshTables,
                       Workload workload, boolean freshWorkload, Duration workloadWindow, Thresholds thresholds,
                       Map<Long, TableHistory> history, DesignFacts design) {
        this(clusterId, kind, asOf, tables, freshTables, workload, freshWorkload, workloadWindow, thresholds, history, design, OnCall.NONE);
    }

    /** A view without table history, column profiles or Redshift recommendations. */
    public ClusterView(String clusterId, ClusterKind kind, Instant asOf, List<TableState> tables, boolean freshTables,
                       Workload workload, boolean freshWorkload, Duration workloadWindow, Thresholds thresholds) {
        this(clusterId, kind, asOf, tables, freshTables, workload, freshWorkload, workloadWindow, thresholds, Map.of());
    }

    /** A view without column profiles or Redshift recommendations. */
    public ClusterView(String clusterId, ClusterKind kind, Instant asOf, List<TableState> tables, boolean freshTables,
                       Workload workload, boolean freshWorkload, Duration workloadWindow, Thresholds thresholds,
                       Map<Long, TableHistory> history) {
        this(clusterId, kind, asOf, tables, freshTables, workload, freshWorkload, workloadWindow, thresholds, history, DesignFacts.NONE);
    }

    public boolean hasTables() {
        return freshTables;
    }

    public boolean hasWorkload() {
        return freshWorkload && workload != null;
    }

    public Map<Long, TableState> tablesById() {
        return tables.stream().collect(Collectors.toMap(TableState::tableId, Function.identity(),
                (a, b) -> a));
    }

    /** How a table was used in the window; an empty usage when unknown. */
    public Workload.TableUsage usage(long tableId) {
        Workload.TableUsage usage = workload == null ? null : workload.tables.get(tableId);
        if (usage == null) {
            usage = new Workload.TableUsage();
            usage.tableId = tableId;
        }
        return usage;
    }

    /** Scans per day of a table over the window. */
    public double scansPerDay(long tableId) {
        return usage(tableId).scans / windowDays();
    }

    /** The window in days (at least an hour), to turn window totals into daily figures. */
    public double windowDays() {
        return Math.max(1.0 / 24, workloadWindow.toMinutes() / 1440.0);
    }
}
