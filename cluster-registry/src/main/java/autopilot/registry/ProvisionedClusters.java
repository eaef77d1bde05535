package autopilot.registry;

import autopilot.events.ClusterKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Provisioned clusters through DescribeClusters (every page). All clusters are listed and the tag
 * checked here rather than by the API's TagKeys/TagValues filter, so a cluster that loses its tag
 * is told apart from one that was deleted. Clusters being created or deleted (no endpoint yet or
 * any more) are left out.
 */
final class ProvisionedClusters implements ClusterSource {

    private static final Set<String> GONE = Set.of("creating", "deleting", "final-snapshot");

    private final RedshiftApi redshift;
    private final ClusterTags tags;

    ProvisionedClusters(RedshiftApi redshift, ClusterTags tags) {
        this.redshift = redshift;
        this.tags = tags;
    }

    @Override
    public String name() {
        return "DescribeClusters";
    }

    @Override
    public Listing list() {
        List<DiscoveredCluster> tagged = new ArrayList<>();
        Set<String> untagged = new HashSet<>();
        for (RedshiftApi.Cluster c : redshift.describeClusters()) {
            Map<String, String> tagMap = c.tags();
            if (!tags.monitored(tagMap) || c.address() == null || GONE.contains(String.valueOf(c.status()).toLowerCase())) {
                untagged.add(c.id());
            } else {
                tagged.add(tags.cluster(c.id(), ClusterKind.PROVISIONED, c.address(), c.port() == null ? 5439 : c.port(),
                        Optional.ofNullable(c.nodeType()), c.nodes() == null ? OptionalInt.empty() : OptionalInt.of(c.nodes()),
                        OptionalInt.empty(), tagMap));
            }
        }
        return new Listing(tagged, untagged);
    }
}
