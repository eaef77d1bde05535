package autopilot.registry;

import java.util.List;
import java.util.Set;

/**
 * What one discovery source found: the tagged clusters, and the ids of those that exist without
 * the tag (so a cluster that goes can be told untagged from deleted).
 */
public record Listing(List<DiscoveredCluster> tagged, Set<String> untagged) {
}
