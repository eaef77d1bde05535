package autopilot.registry;

/** One place clusters are discovered from (provisioned clusters, Serverless workgroups). */
public interface ClusterSource {
    /** Name in logs and the registry's status, e.g. {@code DescribeClusters}. */
    String name();

    /**
     * Everything the source holds now.
     *
     * @throws RuntimeException when the API cannot be asked (the registry keeps this source's last list)
     */
    Listing list();
}
