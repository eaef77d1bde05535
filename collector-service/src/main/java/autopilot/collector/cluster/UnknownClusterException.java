package autopilot.collector.cluster;

import java.util.Set;

/** A cluster id that is not configured. */
public class UnknownClusterException extends RuntimeException {
    public UnknownClusterException(String clusterId, Set<String> known) {
        super("no cluster '" + clusterId + "' is configured (autopilot.collector.clusters.<id>) or discovered (autopilot.discovery); known: " + known);
    }
}
