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
 * Serverless workgroups through ListWorkgroups and, for each, ListTagsForResource (ListWorkgroups
 * carries no tags). Workgroups being created or deleted are left out.
 */
final class ServerlessWorkgroups implements ClusterSource {

    private static final Set<String> GONE = Set.of("CREATING", "DELETING");

    private final ServerlessApi api;
    private final ClusterTags tags;

    ServerlessWorkgroups(ServerlessApi api, ClusterTags tags) {
        this.api = api;
        this.tags = tags;
    }

    @Override
    public String name() {
        return "ListWorkgroups";
    }

    @Override
    public Listing list() {
        List<DiscoveredCluster> tagged = new ArrayList<>();
        Set<String> untagged = new HashSet<>();
        for (ServerlessApi.Workgroup w : api.listWorkgroups()) {
            Map<String, String> tagMap = api.tags(w.arn());
            if (!tags.monitored(tagMap) || w.address() == null || GONE.contains(String.valueOf(w.status()))) {
                untagged.add(w.name());
            } else {
                tagged.add(tags.cluster(w.name(), ClusterKind.SERVERLESS, w.address(), w.port() == null ? 5439 : w.port(),
                        Optional.empty(), OptionalInt.empty(),
                        w.baseCapacity() == null ? OptionalInt.empty() : OptionalInt.of(w.baseCapacity()), tagMap));
            }
        }
        return new Listing(tagged, untagged);
    }
}
