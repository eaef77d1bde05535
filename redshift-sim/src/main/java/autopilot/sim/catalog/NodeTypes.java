package autopilot.sim.catalog;

import java.util.Locale;
import java.util.Map;

/** Storage per node of Redshift node types (managed storage quota for RA3), for SVV_TABLE_INFO.pct_used. */
final class NodeTypes {

    private static final Map<String, Long> CAPACITY_MB = Map.of(
            "dc2.large", 160L * 1024,
            "dc2.8xlarge", 2_560L * 1024,
            "ra3.xlplus", 32L * 1024 * 1024,
            "ra3.4xlarge", 128L * 1024 * 1024,
            "ra3.16xlarge", 128L * 1024 * 1024,
            "ra3.large", 8L * 1024 * 1024,
            "serverless", 128L * 1024 * 1024);

    private NodeTypes() {
    }

    static long capacityMbPerNode(String nodeType) {
        Long mb = CAPACITY_MB.get(nodeType.toLowerCase(Locale.ROOT));
        if (mb == null) {
            throw new IllegalArgumentException("unknown node type '" + nodeType + "'; known: " + CAPACITY_MB.keySet());
        }
        return mb;
    }
}
