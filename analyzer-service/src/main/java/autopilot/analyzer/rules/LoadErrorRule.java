package autopilot.analyzer.rules;

import autopilot.analyzer.model.OnCall;
import autopilot.analyzer.model.TableState;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.ObjectRef;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Lines COPY rejected, per target table, over the collector's recent-log lookback (STL_LOAD_ERRORS;
 * SYS_LOAD_ERROR_DETAIL on Serverless): a warning from {@code load-errors.min-errors} rejected lines,
 * with the most common reasons, a sample line and the COPYs that failed. A warning, not a page: rows
 * are lost but nothing stops. It resolves when a later COPY into the table completed without errors
 * (SYS_LOAD_HISTORY), or when no error remains in the lookback. SYS_LOAD_HISTORY names a table
 * without its schema and has no table id, so a clean load is matched by database and table name:
 * two schemas' tables of one name are not told apart.
 */
public final class LoadErrorRule implements Rule {

    @Override
    public Scope scope() {
        return Scope.WORKLOAD;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.LOAD_ERRORS);
    }

    @Override
    public Set<String> sources() {
        return Set.of(SnapshotData.LOADS, SnapshotData.LOAD_ERRORS);
    }

    /**
     * Only once the analyzer knows the cluster's tables (a table-health snapshot was analysed): its findings are about
     * tables by name, and one raised by table id on a fresh analyzer's first workload snapshot became a second finding
     * for the same table once the name was known (seen in the local run).
     */
    @Override
    public boolean ready(ClusterView view) {
        return !view.tables().isEmpty();
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        Thresholds t = view.thresholds();
        Map<Long, List<OnCall.LoadError>> byTable = new TreeMap<>();
        for (OnCall.LoadError e : view.onCall().loadErrors()) {
            if (e.tableId() != null) byTable.computeIfAbsent(e.tableId(), id -> new ArrayList<>()).add(e);
        }
        Map<Long, TableState> tables = view.tablesById();
        List<FindingDraft> drafts = new ArrayList<>();
        byTable.forEach((tableId, errors) -> {
            if (errors.size() < t.loadErrors().minErrors()) return;
            TableState table = tables.get(tableId);
            List<OnCall.Load> loads = table == null ? List.of() : view.onCall().loads().stream().filter(l -> into(l, table)).toList();
            Instant lastError = errors.stream().map(OnCall.LoadError::start).filter(s -> s != null).max(Comparator.naturalOrder()).orElse(null);
            boolean cleanSince = lastError != null && loads.stream().anyMatch(l -> "completed".equalsIgnoreCase(l.status())
                    && l.errorCount() == 0 && l.start() != null && l.start().isAfter(lastError));
            if (!cleanSince) drafts.add(draft(view, tableId, table, errors, loads, lastError));
        });
        return drafts;
    }

    /** Whether a COPY was into this table, as far as SYS_LOAD_HISTORY's name and database tell. */
    private static boolean into(OnCall.Load load, TableState table) {
        if (load.table() == null) return false;
        String name = load.table().trim().toLowerCase(Locale.ROOT);
        boolean sameName = name.equals(table.name().toLowerCase(Locale.ROOT))
                || name.equals((table.schema() + "." + table.name()).toLowerCase(Locale.ROOT));
        return sameName && (load.database() == null || table.database() == null || load.database().equalsIgnoreCase(table.database()));
    }

    private static FindingDraft draft(ClusterView view, long tableId, TableState table, List<OnCall.LoadError> errors,
                                      List<OnCall.Load> loads, Instant lastError) {
        Thresholds t = view.thresholds();
        String name = table != null ? table.qualifiedName() : "table id " + tableId;
        Map<String, Long> reasons = new LinkedHashMap<>();
        errors.stream().collect(Collectors.groupingBy(e -> (e.code() == null ? "" : e.code() + " ") + (e.reason() == null ? "" : e.reason()),
                TreeMap::new, Collectors.counting())).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(t.loadErrors().topReasons()).forEach(e -> reasons.put(e.getKey(), e.getValue()));
        String reasonsText = reasons.entrySet().stream().map(e -> e.getKey() + " (x" + e.getValue() + ")").collect(Collectors.joining("; "));
        OnCall.LoadError sample = errors.stream().max(Comparator.comparing(OnCall.LoadError::start, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(OnCall.LoadError::line, Comparator.nullsFirst(Comparator.reverseOrder()))).orElseThrow();
        Set<Long> queries = new TreeSet<>();
        errors.forEach(e -> { if (e.query() != null) queries.add(e.query()); });
        long failed = loads.stream().filter(l -> "aborted".equalsIgnoreCase(l.status())).count();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.measured("rejected_lines", errors.size(), "lines", (double) t.loadErrors().minErrors()));
        evidence.add(Evidence.measured("loads_with_errors", queries.size(), "loads", null));
        if (table != null) evidence.add(Evidence.measured("failed_copies", failed, "loads", null));
        evidence.add(Evidence.text("top_reasons", reasonsText));
        evidence.add(Evidence.text("sample", "file " + sample.file() + ", line " + sample.line() + ", column " + sample.column()
                + ", position " + sample.position() + (sample.query() == null ? "" : ", query " + sample.query())));
        if (lastError != null) evidence.add(Evidence.text("last_error_load_start", lastError.toString()));
        if (!queries.isEmpty()) evidence.add(Evidence.text("load_queries", queries.stream().map(String::valueOf).collect(Collectors.joining(", "))));
        String title = "COPY into " + name + " rejected " + errors.size() + " line" + (errors.size() == 1 ? "" : "s") + " in "
                + queries.size() + " load" + (queries.size() == 1 ? "" : "s") + (failed > 0 ? " (" + failed + " failed)" : "");
        String explanation = "Loads into " + name + " rejected lines: " + reasonsText + ". A rejected line is a row that is not in"
                + " the table, even when MAXERROR lets the COPY complete; a COPY over its MAXERROR loads nothing."
                + (table == null ? " The table is not in the catalog Autopilot knows yet, so clean loads cannot be matched to it:"
                + " the finding resolves once the errors leave the lookback." : "");
        RecommendedAction action = new RecommendedAction("Fix the rejected lines at the source (or the COPY options) and load them again",
                List.of(), "STL_LOAD_ERRORS (SYS_LOAD_ERROR_DETAIL on Serverless) has every rejected line of the load queries above:"
                + " raw_line and raw_field_value show the data, err_code the cause (load error reference). Typical fixes: a DATEFORMAT"
                + " or TIMEFORMAT, ACCEPTINVCHARS, a wider column, or cleaning the file. The finding resolves once a COPY into the"
                + " table completes without errors.");
        ObjectRef subject = table != null ? table.ref() : new ObjectRef(ObjectRef.Kind.TABLE, "table " + tableId, null, null, tableId);
        return new FindingDraft(FindingCategory.LOAD_ERRORS, Severity.WARNING, subject, title, explanation, evidence, action, null, null);
    }
}
