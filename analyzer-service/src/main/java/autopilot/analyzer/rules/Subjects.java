package autopilot.analyzer.rules;

import autopilot.analyzer.model.TableState;
import autopilot.analyzer.model.Workload;
import autopilot.events.Evidence;
import autopilot.events.ObjectRef;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** The objects workload findings are about (query patterns, tables seen in scans), named the same way by every rule. */
final class Subjects {

    private Subjects() {
    }

    /** A query pattern, by the hash of its normalised text. */
    static ObjectRef pattern(Workload.Pattern pattern) {
        return new ObjectRef(ObjectRef.Kind.QUERY_PATTERN, pattern.hash, null, null, null);
    }

    /** One aspect of a query pattern (e.g. one alert kind), so each gets its own fingerprint. */
    static ObjectRef pattern(Workload.Pattern pattern, String aspect) {
        return new ObjectRef(ObjectRef.Kind.QUERY_PATTERN, pattern.hash + ":" + aspect, null, null, null);
    }

    static Evidence sample(Workload.Pattern pattern) {
        return Evidence.text("sample_query", pattern.sample == null ? "" : pattern.sample);
    }

    /**
     * A table seen in scans: its catalog reference when the table is known, otherwise the name STL_SCAN gave
     * (no database or schema) and its id.
     */
    static ObjectRef table(Map<Long, TableState> known, Workload.TableUsage usage) {
        TableState table = known.get(usage.tableId);
        if (table != null) return table.ref();
        return new ObjectRef(ObjectRef.Kind.TABLE, usage.name != null ? usage.name : "table " + usage.tableId, null, null,
                usage.tableId);
    }

    static String tableName(Map<Long, TableState> known, Workload workload, long tableId) {
        TableState table = known.get(tableId);
        if (table != null) return table.qualifiedName();
        Workload.TableUsage usage = workload.tables.get(tableId);
        return usage != null && usage.name != null ? usage.name : "table id " + tableId;
    }

    static String tableNames(Map<Long, TableState> known, Workload workload, Collection<Long> ids) {
        return ids.stream().map(id -> tableName(known, workload, id)).sorted().collect(Collectors.joining(", "));
    }
}
