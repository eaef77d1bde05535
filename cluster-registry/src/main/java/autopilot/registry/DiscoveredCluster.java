package autopilot.registry;

import autopilot.events.ClusterKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A cluster or workgroup found through the AWS API, with what the services need of it.
 *
 * @param id                cluster identifier, or workgroup name
 * @param kind              provisioned cluster or Serverless workgroup
 * @param host              endpoint address (or the configured override)
 * @param port              endpoint port
 * @param database          database of the connection URL ({@code autopilot:database} tag, else the default)
 * @param user              database user (the service's user tag, else its default user)
 * @param secretId          secret with the password (the service's secret tag); empty: IAM temporary credentials
 * @param nodeType          node type (provisioned), e.g. {@code ra3.4xlarge}
 * @param nodes             number of nodes (provisioned)
 * @param baseCapacity      base RPUs (Serverless)
 * @param maintenanceWindow {@code autopilot:maintenance-window} tag as written ({@code hh:mm-hh:mm} or {@code ddd:hh:mm-ddd:hh:mm}, UTC)
 * @param dryRun            {@code autopilot:dry-run} tag
 * @param databasesDeny     {@code autopilot:databases-deny} tag: database names (space separated) left out
 * @param tags              every tag, for anything else
 */
public record DiscoveredCluster(String id, ClusterKind kind, String host, int port, String database, String user,
                                Optional<String> secretId, Optional<String> nodeType, OptionalInt nodes,
                                OptionalInt baseCapacity, Optional<String> maintenanceWindow, Optional<Boolean> dryRun,
                                List<String> databasesDeny, Map<String, String> tags) {

    public static final String DATABASE_TAG = "autopilot:database";
    public static final String MAINTENANCE_WINDOW_TAG = "autopilot:maintenance-window";
    public static final String DRY_RUN_TAG = "autopilot:dry-run";
    public static final String DATABASES_DENY_TAG = "autopilot:databases-deny";

    /** {@code jdbc:redshift://host:port/database}, with the configured properties. */
    public String jdbcUrl(Optional<String> properties) {
        return "jdbc:redshift://" + host + ":" + port + "/" + database
                + properties.filter(p -> !p.isBlank()).map(p -> "?" + p).orElse("");
    }

    /** Whether the password comes from IAM temporary credentials rather than a secret. */
    public boolean iam() {
        return secretId.isEmpty();
    }
}
