package autopilot.analyzer.rules;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.lifecycle.Lifecycle;
import autopilot.analyzer.lifecycle.Transition;
import autopilot.analyzer.model.DesignFacts;
import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.Tables;
import autopilot.analyzer.model.WorkloadAggregator;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.ClusterKind;
import autopilot.events.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes workload sources the way the collector's SQL returns them (provisioned: STL_QUERY joined
 * with STL_WLM_QUERY, STL_SCAN summed per query, table and type, ...; Serverless: the SYS_* views),
 * and turns the snapshot into the view rules see: SnapshotBuilder -> WorkloadAggregator (and OnCall) -> ClusterView.
 */
final class WorkloadSnapshot {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    /** Columns of the collector's Serverless queries source (SYS_QUERY_HISTORY): no service class. */
    static final String[] SERVERLESS_QUERIES = {"query", "userid", "xid", "pid", "label", "database", "starttime", "endtime",
            "aborted", "query_type", "total_queue_time", "total_exec_time", "elapsed_time", "returned_rows", "querytxt"};
    /** Columns of the collector's Serverless scans source (SYS_QUERY_DETAIL): no scan type, duration in µs. */
    static final String[] SERVERLESS_SCANS = {"query", "table_id", "table_name", "steps", "rows", "rows_pre_filter", "bytes",
            "starttime", "endtime", "duration", "range_restricted"};
    /** Columns of the collector's Serverless alerts source: no solution text. */
    static final String[] SERVERLESS_ALERTS = {"query", "alert", "event", "event_time"};

    private final SnapshotBuilder builder;
    private final ClusterKind kind;
    private long nextQuery = 1000;

    private WorkloadSnapshot(ClusterKind kind) {
        this.kind = kind;
        this.builder = SnapshotBuilder.of("c1", kind, T0.plus(Duration.ofHours(6)));
        if (kind == ClusterKind.PROVISIONED) {
            builder.source(SnapshotData.QUERIES, SnapshotBuilder.QUERIES);
        } else {
            builder.source(SnapshotData.QUERIES, SERVERLESS_QUERIES);
        }
    }

    static WorkloadSnapshot provisioned() {
        return new WorkloadSnapshot(ClusterKind.PROVISIONED);
    }

    static WorkloadSnapshot serverless() {
        return new WorkloadSnapshot(ClusterKind.SERVERLESS);
    }

    /** A query in a WLM queue (serviceClass may be null: a query STL_WLM_QUERY does not know); returns its id. */
    long query(String text, Integer serviceClass, String queue, Instant start, double queueMs, double execMs) {
        return query(text, serviceClass, queue, start, queueMs, execMs, 100, "");
    }

    /** As above, run by a user id under a query group (label; provisioned shows 'default' for none, Serverless null). */
    long query(String text, Integer serviceClass, String queue, Instant start, double queueMs, double execMs, int userId,
               String label) {
        long id = nextQuery++;
        Instant execStart = start.plusNanos((long) (queueMs * 1e6));
        Instant end = execStart.plusNanos((long) (execMs * 1e6));
        if (kind == ClusterKind.PROVISIONED) {
            builder.source(SnapshotData.QUERIES).row(id, userId, id, 1, label, "dev", start, end, 0, 0, serviceClass,
                    queue, 1, start, execStart, Math.round(queueMs * 1000), Math.round(execMs * 1000), text);
        } else {
            builder.source(SnapshotData.QUERIES).row(id, userId, id, 1, label, "dev", start, end, 0, "SELECT",
                    Math.round(queueMs * 1000), Math.round(execMs * 1000), Math.round((queueMs + execMs) * 1000), 1, text);
        }
        return id;
    }

    long query(String text, Instant start, double execMs) {
        return query(text, 6, "Default queue", start, 0, execMs);
    }

    /** One scan row of a query (provisioned: summed over slices; start and end over all slices). */
    WorkloadSnapshot scan(long query, long tableId, String table, int type, long rows, Instant start, double seconds,
                          boolean rangeRestricted) {
        Instant end = start.plusNanos((long) (seconds * 1e9));
        if (kind == ClusterKind.PROVISIONED) {
            builder.source(SnapshotData.SCANS, SnapshotBuilder.SCANS).row(query, tableId, table, type, 4, rows, rows, rows,
                    rows * 100, start, end, rangeRestricted ? 1 : 0);
        } else {
            builder.source(SnapshotData.SCANS, SERVERLESS_SCANS).row(query, tableId, table, 4, rows, rows, rows * 100,
                    start, end, Math.round(seconds * 1e6), rangeRestricted ? 1 : 0);
        }
        return this;
    }

    WorkloadSnapshot alert(long query, String event, String solution) {
        String alert = event.split(":")[0].trim();
        if (kind == ClusterKind.PROVISIONED) {
            builder.source(SnapshotData.ALERTS, SnapshotBuilder.ALERTS).row(query, alert, event, solution, T0);
        } else {
            builder.source(SnapshotData.ALERTS, SERVERLESS_ALERTS).row(query, alert, event, T0);
        }
        return this;
    }

    WorkloadSnapshot diskStep(long query, int step, String label, long bytes) {
        builder.source(SnapshotData.DISK_STEPS, SnapshotBuilder.DISK_STEPS).row(query, 1, step, 5_000_000, 1_000_000, bytes, label);
        return this;
    }

    WorkloadSnapshot compile(long query, Instant start, double compileMs) {
        builder.source(SnapshotData.COMPILE, SnapshotBuilder.COMPILE).row(query, 3, 3, start,
                start.plusNanos((long) (compileMs * 1e6)));
        return this;
    }

    /** A user as PG_USER_INFO shows it (the collector's users source). */
    WorkloadSnapshot user(int id, String name) {
        builder.source(SnapshotData.USERS, new String[] {"usesysid", "usename"}).row(id, name);
        return this;
    }

    /** A WLM queue row as STV_WLM_SERVICE_CLASS_CONFIG shows it (-1 slots and memory: automatic WLM). */
    WorkloadSnapshot queue(int serviceClass, String name, int slots, int workingMemMb, String concurrencyScaling) {
        builder.source(SnapshotData.WLM_CONFIG, SnapshotBuilder.WLM_CONFIG).row(serviceClass, name, slots, slots, workingMemMb,
                0, concurrencyScaling, "normal");
        return this;
    }

    /** A table as SVV_TABLE_INFO shows it, so rules can name it by schema. */
    WorkloadSnapshot table(long tableId, String name, String sortkey1, long rows) {
        builder.source(SnapshotData.TABLE_INFO, SnapshotBuilder.TABLE_INFO).row("dev", "public", tableId, name, "Y", "EVEN",
                sortkey1, 256, "az64", sortkey1 == null ? 0 : 1, 10_000, 1.0, sortkey1 == null ? null : 0.0, 0.0, rows, null,
                1.0, rows, 0.0, T0.minus(Duration.ofDays(30)));
        return this;
    }

    /** The builder underneath, for sources this class has no helper for. */
    SnapshotBuilder builder() {
        return builder;
    }

    SnapshotData snapshot() {
        return builder.build();
    }

    ClusterView view() {
        return view(TestThresholds.defaults());
    }

    ClusterView view(Thresholds thresholds) {
        SnapshotData snapshot = snapshot();
        return new ClusterView("c1", kind, snapshot.collectedAt(), Tables.of(snapshot), snapshot.hasTableHealth(),
                WorkloadAggregator.total(WorkloadAggregator.byHour(snapshot)), snapshot.hasWorkload(), Duration.ofDays(1),
                thresholds, Map.of(), DesignFacts.NONE, OnCall.of(snapshot));
    }

    /** What a rule concluded, through the same gate the analysis uses (a rule only runs when its data is in scope). */
    static List<FindingDraft> run(Rule rule, ClusterView view) {
        return Analysis.run(view, List.of(rule)).drafts();
    }

    /** One analysis of a rule over a view with these findings open: what the lifecycle makes of its drafts. */
    static List<Transition> transitions(Rule rule, ClusterView view, Map<String, Finding> open) {
        Analysis.Result result = Analysis.run(view, List.of(rule));
        return Lifecycle.apply("c1", open, result.drafts(), result.evaluated(), view.asOf(), null);
    }

    /** The findings open after these transitions. */
    static Map<String, Finding> open(List<Transition> transitions) {
        Map<String, Finding> open = new java.util.HashMap<>();
        transitions.stream().filter(t -> !(t instanceof Transition.Resolved)).forEach(t -> open.put(t.finding().fingerprint(), t.finding()));
        return open;
    }
}
