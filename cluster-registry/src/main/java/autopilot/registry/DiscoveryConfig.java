package autopilot.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Discovery of monitored clusters through the AWS API: provisioned clusters (DescribeClusters) and
 * Serverless workgroups (ListWorkgroups, ListTagsForResource) that carry the monitoring tag. Each
 * service that needs clusters (collector, maintenance, alerting) runs it with its own user and
 * secret tags; statically configured clusters keep working beside it.
 */
@ConfigMapping(prefix = "autopilot.discovery")
public interface DiscoveryConfig {
    /** Whether clusters are discovered at all (off: only the statically configured clusters). */
    @WithDefault("false")
    boolean enabled();

    /** How often the AWS API is asked again: a cluster that appears or goes is noticed within this. */
    @WithDefault("PT5M")
    Duration interval();

    /** Tag a cluster or workgroup must carry to be monitored. */
    @WithDefault("autopilot:monitor")
    String tagKey();

    /** ... with this value (case-insensitive). */
    @WithDefault("true")
    String tagValue();

    /** Whether provisioned clusters are discovered (DescribeClusters). */
    @WithDefault("true")
    boolean provisioned();

    /** Whether Serverless workgroups are discovered (ListWorkgroups). */
    @WithDefault("true")
    boolean serverless();

    /** Database user of a cluster without the user tag. */
    @WithDefault("autopilot_monitor")
    String user();

    /** Tag naming the database user (maintenance sets its own, e.g. {@code autopilot:maintenance-user}). */
    @WithDefault("autopilot:user")
    String userTag();

    /**
     * Tag naming the Secrets Manager secret with the user's password (plain or JSON with {@code password});
     * a cluster without it is reached with IAM temporary credentials (GetClusterCredentials, or
     * GetCredentials for a workgroup).
     */
    @WithDefault("autopilot:secret")
    String secretTag();

    /** Database in the connection URL of a cluster without the {@code autopilot:database} tag. */
    @WithDefault("dev")
    String database();

    /** Properties added to every discovered cluster's JDBC URL (e.g. {@code ssl=false} for redshift-sim). */
    Optional<String> jdbcProperties();

    /**
     * Host put in place of every endpoint address the API returns. Only for simulated clusters (moto
     * answers with names that do not resolve); never set it against AWS.
     */
    Optional<String> addressOverride();

    /** How long IAM temporary credentials are asked for (Redshift accepts 15 to 60 minutes). */
    @WithDefault("PT15M")
    Duration credentialsDuration();

    /**
     * Endpoint of the Redshift Serverless API, for a local stand-in (moto serves none); unset: the
     * region's {@code redshift-serverless} endpoint.
     */
    Optional<URI> serverlessEndpoint();
}
