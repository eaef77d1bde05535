package autopilot.sim.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query's EXPLAIN lines (the model's {@code plan}, also logged to STL_EXPLAIN) as STL_PLAN_INFO
 * rows: node id (line number from 1), estimated costs, rows and bytes read from the line's
 * {@code (cost=a..b rows=r width=w)}, and the segment the node ran in.
 *
 * <p>Which segment: a scan node ({@code Seq Scan on t}) maps to the segment scanning {@code t}; a
 * join, aggregate, sort, hash or data-movement node to the first segment of the matching step kind;
 * anything else to the query's last segment (the top of a plan runs last). Locus is 1 (leader node)
 * for nodes without the compute-node prefix {@code XN}, 0 otherwise.
 *
 * <p>plannode: the STL_PLAN_INFO page enumerates node types with numbers, a table the simulator's
 * references did not capture; the numbers here are the simulator's own ({@link #planNode}).
 */
final class PlanLines {

    /** One row of STL_PLAN_INFO. */
    record Node(int nodeId, int segment, int locus, int planNode, double startupCost, double totalCost, long rows, long bytes) {
    }

    private static final Pattern COST = Pattern.compile("\\(cost=([0-9.]+)\\.\\.([0-9.]+)\\s+rows=(\\d+)\\s+width=(\\d+)\\)");
    private static final Pattern SCAN_ON = Pattern.compile("scan on ([A-Za-z0-9_.\"]+)", Pattern.CASE_INSENSITIVE);

    private PlanLines() {
    }

    static List<Node> of(List<String> plan, List<QuerySegments.Segment> segments) {
        List<Node> nodes = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            String line = plan.get(i).strip();
            if (line.startsWith("->")) {
                line = line.substring(2).strip();
            }
            Matcher cost = COST.matcher(line);
            double startup = 0;
            double total = 0;
            long rows = 0;
            long width = 0;
            if (cost.find()) {
                startup = Double.parseDouble(cost.group(1));
                total = Double.parseDouble(cost.group(2));
                rows = Long.parseLong(cost.group(3));
                width = Long.parseLong(cost.group(4));
            }
            String name = line.toUpperCase(Locale.ROOT);
            int locus = name.startsWith("XN ") ? 0 : 1;
            nodes.add(new Node(i + 1, segment(line, segments), locus, planNode(name), startup, total, rows, rows * width));
        }
        return nodes;
    }

    private static int segment(String line, List<QuerySegments.Segment> segments) {
        if (segments.isEmpty()) {
            return 0;
        }
        Matcher on = SCAN_ON.matcher(line);
        if (on.find()) {
            String table = on.group(1).replace("\"", "");
            String name = table.substring(table.lastIndexOf('.') + 1);
            for (QuerySegments.Segment s : segments) {
                if (s.isScan() && name.equalsIgnoreCase(s.tableName())) {
                    return s.index();
                }
            }
        }
        String upper = line.toUpperCase(Locale.ROOT);
        String kind = upper.contains("HASH JOIN") ? "hjoin"
                : upper.contains("AGGREGATE") ? "aggr"
                : upper.contains("SORT") ? "sort"
                : upper.contains("HASH") ? "hash"
                : upper.contains("DS_BCAST") ? "bcast"
                : upper.contains("DS_DIST") ? "dist"
                : null;
        for (QuerySegments.Segment s : segments) {
            if (s.kind().equals(kind)) {
                return s.index();
            }
        }
        return segments.get(segments.size() - 1).index();
    }

    /** The simulator's number for a plan node type (see the class comment). */
    static int planNode(String upperCaseLine) {
        String n = upperCaseLine.startsWith("XN ") ? upperCaseLine.substring(3) : upperCaseLine;
        if (n.startsWith("SEQ SCAN") || n.startsWith("LD SEQ SCAN")) {
            return 1;
        } else if (n.startsWith("HASH JOIN")) {
            return 2;
        } else if (n.startsWith("MERGE JOIN")) {
            return 3;
        } else if (n.startsWith("NESTED LOOP")) {
            return 4;
        } else if (n.startsWith("HASHAGGREGATE") || n.startsWith("GROUPAGGREGATE") || n.startsWith("AGGREGATE")) {
            return 5;
        } else if (n.startsWith("HASH")) {
            return 6;
        } else if (n.startsWith("SORT")) {
            return 7;
        } else if (n.startsWith("MERGE")) {
            return 8;
        } else if (n.startsWith("LIMIT")) {
            return 9;
        } else if (n.startsWith("UNIQUE")) {
            return 10;
        } else if (n.startsWith("WINDOW")) {
            return 11;
        } else if (n.startsWith("SUBQUERY SCAN")) {
            return 12;
        } else if (n.startsWith("NETWORK")) {
            return 13;
        }
        return 0;
    }
}
