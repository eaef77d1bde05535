package autopilot.registry;

import autopilot.events.ClusterKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.redshift.RedshiftClient;
import software.amazon.awssdk.services.redshift.model.Cluster;

/**
 * Provisioned clusters through DescribeClusters (every page). All clusters are listed and the tag
 * checked here rather than by the API's TagKeys/TagValues filter, so a cluster that loses its tag
 * is told apart from one that was deleted. Clusters being created or deleted (no endpoint yet or
 * any more) are left out.
 */
final class ProvisionedClusters implements ClusterSource {

    private static final Set<String> GONE = Set.of("creating", "deleting", "final-snapshot");

    private final RedshiftClient redshift;
    private final ClusterTags tags;

    ProvisionedClusters(RedshiftClient redshift, ClusterTags tags) {
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
        for (Cluster c : redshift.describeClustersPaginator(b -> b.maxRecords(100)).clusters()) {
            Map<String, String> tagMap = c.tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value() == null ? "" : t.value(),
                    (a, b) -> b));
            if (!tags.monitored(tagMap)) {
                untagged.add(c.clusterIdentifier());
            } else if (c.endpoint() == null || c.endpoint().address() == null
                    || GONE.contains(String.valueOf(c.clusterStatus()).toLowerCase())) {
                untagged.add(c.clusterIdentifier());
            } else {
                tagged.add(tags.cluster(c.clusterIdentifier(), ClusterKind.PROVISIONED, c.endpoint().address(),
                        c.endpoint().port() == null ? 5439 : c.endpoint().port(), Optional.ofNullable(c.nodeType()),
                        c.numberOfNodes() == null ? OptionalInt.empty() : OptionalInt.of(c.numberOfNodes()), OptionalInt.empty(), tagMap));
            }
        }
        return new Listing(tagged, untagged);
    }
}
