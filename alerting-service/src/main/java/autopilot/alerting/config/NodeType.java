package autopilot.alerting.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Redshift provisioned node types and their maximum number of client connections, from which the
 * DatabaseConnections alarm threshold is computed.
 *
 * <p>Sources: "Quotas and limits in Amazon Redshift", Amazon Redshift Management Guide
 * (https://docs.aws.amazon.com/redshift/latest/mgmt/amazon-redshift-limits.html), row "Maximum number
 * of connections": 2,000 for ra3.xlplus, ra3.4xlarge and ra3.16xlarge, "varies by node type"; the
 * per-cluster limit of 500 concurrent user connections that the same guide gave for every node type
 * before RA3 (and the seed recipe's threshold of 450 = 90 % of 500 for dc2.large). Where AWS changes a
 * quota, {@code autopilot.alerting.clusters.<id>.connection-limit} overrides this table.
 */
public enum NodeType {
    DC2_LARGE("dc2.large", 500),
    DC2_8XLARGE("dc2.8xlarge", 500),
    RA3_XLPLUS("ra3.xlplus", 2000),
    RA3_4XLARGE("ra3.4xlarge", 2000),
    RA3_16XLARGE("ra3.16xlarge", 2000);

    private final String awsName;
    private final int connectionLimit;

    NodeType(String awsName, int connectionLimit) {
        this.awsName = awsName;
        this.connectionLimit = connectionLimit;
    }

    public String awsName() {
        return awsName;
    }

    public int connectionLimit() {
        return connectionLimit;
    }

    /** The node type named as AWS writes it ({@code ra3.4xlarge}). */
    public static NodeType of(String awsName) {
        String name = awsName == null ? "" : awsName.trim().toLowerCase();
        if (name.equals("serverless")) {
            throw new IllegalArgumentException("a Redshift Serverless workgroup has no node type: set kind=serverless"
                    + " (and workgroup, if its name is not the id) instead of node-type");
        }
        return Arrays.stream(values()).filter(t -> t.awsName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown node type '" + awsName + "'; expected one of "
                        + Arrays.stream(values()).map(NodeType::awsName).collect(Collectors.joining(", "))
                        + " (or set connection-limit and the nearest node type)"));
    }

    /** Config converter: SmallRye reports a failure together with the property name. */
    public static final class Converter implements org.eclipse.microprofile.config.spi.Converter<NodeType> {
        @Override
        public NodeType convert(String value) {
            return NodeType.of(value);
        }
    }
}
