package autopilot.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The deployment's parameters, validated: where the system goes (an existing VPC next to an
 * existing Redshift cluster), which images run, and a few sizing knobs. Read from CDK context
 * ({@code cdk synth -c vpcId=vpc-...}) by {@link #fromContext}; every problem is reported at once,
 * each naming its context key.
 *
 * @param vpcId                     existing VPC the tasks and the database go into
 * @param subnetIds                 private subnets (with a route to AWS APIs) for tasks and database, at least two
 * @param availabilityZones         the zone of each subnet, in the same order
 * @param redshiftClusterId         cluster id used in the services' configuration keys (lowercase letters and digits)
 * @param redshiftEndpoint          host name of the Redshift cluster (or Serverless workgroup)
 * @param redshiftPort              port of the cluster
 * @param redshiftDatabase          database the services connect to
 * @param redshiftSecurityGroupId   the cluster's security group; only collector and maintenance tasks get in
 * @param redshiftSecretArn         complete ARN of the Secrets Manager secret with the monitoring user's password
 * @param redshiftUser              monitoring user (read access to system tables)
 * @param maintenanceSecretArn      complete ARN of the secret with the maintenance user's password
 * @param maintenanceUser           maintenance user (owner of the tables or superuser)
 * @param imageRepositoryPrefix     ECR repositories are {@code <prefix><service>}, e.g. {@code redshift-autopilot/collector-service}
 * @param imageTag                  image tag run by every service
 * @param logRetention              retention of the services' log groups
 * @param maxReceiveCount           receives before a message moves to its DLQ
 * @param visibilityTimeoutSeconds  default visibility timeout of the queues
 * @param metricsNamespace          CloudWatch namespace of the custom metrics (the alerting service's only namespace)
 * @param alertingNamePrefix        prefix of the alarms and dashboards the alerting service owns
 * @param analyzerMaxTasks          upper bound of the analyzer's queue-depth autoscaling
 * @param maintenanceMaxTasks       upper bound of the maintenance service's queue-depth autoscaling
 * @param databaseInstanceType      RDS instance type of the services' PostgreSQL
 * @param pagesEmail                optional e-mail address subscribed to the pages topic (empty: none)
 * @param redshiftNodeType          the cluster's node type: the alerting service derives its connection alarm from it
 */
public record DeploySettings(String vpcId, List<String> subnetIds, List<String> availabilityZones,
                             String redshiftClusterId, String redshiftEndpoint, int redshiftPort, String redshiftDatabase,
                             String redshiftSecurityGroupId, String redshiftSecretArn, String redshiftUser,
                             String maintenanceSecretArn, String maintenanceUser,
                             String imageRepositoryPrefix, String imageTag, RetentionDays logRetention,
                             int maxReceiveCount, int visibilityTimeoutSeconds,
                             String metricsNamespace, String alertingNamePrefix,
                             int analyzerMaxTasks, int maintenanceMaxTasks,
                             String databaseInstanceType, String pagesEmail, String redshiftNodeType) {

    /** Log retention values accepted by {@code logRetentionDays} (CloudWatch Logs allows only fixed values). */
    static final Map<Integer, RetentionDays> RETENTION = Map.of(
            7, RetentionDays.ONE_WEEK, 14, RetentionDays.TWO_WEEKS, 30, RetentionDays.ONE_MONTH,
            60, RetentionDays.TWO_MONTHS, 90, RetentionDays.THREE_MONTHS, 180, RetentionDays.SIX_MONTHS,
            365, RetentionDays.ONE_YEAR, 731, RetentionDays.TWO_YEARS);

    private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP_ID = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern AVAILABILITY_ZONE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d[a-z]");
    // One word, so that the environment variable AUTOPILOT_COLLECTOR_CLUSTERS_<ID>_JDBC_URL maps back to one key.
    private static final Pattern CLUSTER_ID = Pattern.compile("[a-z][a-z0-9]{0,30}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,126}");
    static final Pattern NODE_TYPE = Pattern.compile("(ra3|dc2)\\.[a-z0-9]+");
    private static final Pattern SECRET_ARN =
            Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}");
    private static final Pattern REPOSITORY_PREFIX = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,200}");
    private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_./#:-]{1,255}");
    private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9]*\\.[a-z0-9]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Context keys: the names users pass with {@code -c key=value} and see in error messages. */
    public static final class Keys {
        public static final String VPC_ID = "vpcId";
        public static final String SUBNET_IDS = "subnetIds";
        public static final String AVAILABILITY_ZONES = "availabilityZones";
        public static final String REDSHIFT_CLUSTER_ID = "redshiftClusterId";
        public static final String REDSHIFT_ENDPOINT = "redshiftEndpoint";
        public static final String REDSHIFT_PORT = "redshiftPort";
        public static final String REDSHIFT_DATABASE = "redshiftDatabase";
        public static final String REDSHIFT_SECURITY_GROUP_ID = "redshiftSecurityGroupId";
        public static final String REDSHIFT_SECRET_ARN = "redshiftSecretArn";
        public static final String REDSHIFT_USER = "redshiftUser";
        public static final String MAINTENANCE_SECRET_ARN = "maintenanceSecretArn";
        public static final String MAINTENANCE_USER = "maintenanceUser";
        public static final String IMAGE_REPOSITORY_PREFIX = "imageRepositoryPrefix";
        public static final String IMAGE_TAG = "imageTag";
        public static final String LOG_RETENTION_DAYS = "logRetentionDays";
        public static final String MAX_RECEIVE_COUNT = "maxReceiveCount";
        public static final String VISIBILITY_TIMEOUT_SECONDS = "visibilityTimeoutSeconds";
        public static final String METRICS_NAMESPACE = "metricsNamespace";
        public static final String ALERTING_NAME_PREFIX = "alertingNamePrefix";
        public static final String ANALYZER_MAX_TASKS = "analyzerMaxTasks";
        public static final String MAINTENANCE_MAX_TASKS = "maintenanceMaxTasks";
        public static final String DATABASE_INSTANCE_TYPE = "databaseInstanceType";
        public static final String PAGES_EMAIL = "pagesEmail";
        public static final String REDSHIFT_NODE_TYPE = "redshiftNodeType";

        private Keys() {
        }
    }

    /**
     * Reads and validates every parameter.
     *
     * @param context a CDK context lookup ({@code node::tryGetContext}); absent keys are {@code null}
     * @throws InvalidDeploySettingsException naming every missing or invalid key
     */
    public static DeploySettings fromContext(Function<String, Object> context) {
        Reader r = new Reader(context);
        String vpcId = r.required(Keys.VPC_ID, VPC_ID, "vpc-0123456789abcdef0");
        List<String> subnets = r.list(Keys.SUBNET_IDS, SUBNET_ID, "subnet-0123456789abcdef0");
        List<String> zones = r.list(Keys.AVAILABILITY_ZONES, AVAILABILITY_ZONE, "eu-west-1a");
        if (subnets.size() == 1) {
            r.problem(Keys.SUBNET_IDS, "needs at least two subnets in different availability zones (RDS requires two), found one");
        }
        if (!subnets.isEmpty() && !zones.isEmpty() && subnets.size() != zones.size()) {
            r.problem(Keys.AVAILABILITY_ZONES, "must name the zone of each subnet in " + Keys.SUBNET_IDS + " in the same order: "
                    + subnets.size() + " subnets but " + zones.size() + " zones");
        }
        String redshiftSecret = r.required(Keys.REDSHIFT_SECRET_ARN, SECRET_ARN,
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:autopilot/redshift-AbCdEf (the complete ARN)");
        String redshiftUser = r.optional(Keys.REDSHIFT_USER, "autopilot_monitor", SQL_NAME, "a database user name");
        Integer retentionDays = r.integer(Keys.LOG_RETENTION_DAYS, 30, 1, 3653);
        RetentionDays retention = RETENTION.get(retentionDays);
        if (retentionDays != null && retention == null) {
            r.problem(Keys.LOG_RETENTION_DAYS, "must be one of " + RETENTION.keySet().stream().sorted().toList()
                    + ", found " + retentionDays);
        }
        DeploySettings settings = new DeploySettings(
                vpcId, subnets, zones,
                r.optional(Keys.REDSHIFT_CLUSTER_ID, "main", CLUSTER_ID, "lowercase letters and digits, starting with a letter"),
                r.required(Keys.REDSHIFT_ENDPOINT, HOST, "my-cluster.abc123xyz.eu-west-1.redshift.amazonaws.com"),
                orZero(r.integer(Keys.REDSHIFT_PORT, 5439, 1150, 65535)),
                r.optional(Keys.REDSHIFT_DATABASE, "dev", SQL_NAME, "a database name"),
                r.required(Keys.REDSHIFT_SECURITY_GROUP_ID, SECURITY_GROUP_ID, "sg-0123456789abcdef0"),
                redshiftSecret, redshiftUser,
                r.optional(Keys.MAINTENANCE_SECRET_ARN, redshiftSecret, SECRET_ARN, "the complete ARN of a Secrets Manager secret"),
                r.optional(Keys.MAINTENANCE_USER, redshiftUser, SQL_NAME, "a database user name"),
                r.optional(Keys.IMAGE_REPOSITORY_PREFIX, "redshift-autopilot/", REPOSITORY_PREFIX,
                        "an ECR repository path prefix such as redshift-autopilot/"),
                r.optional(Keys.IMAGE_TAG, "latest", IMAGE_TAG, "a Docker image tag"),
                retention,
                orZero(r.integer(Keys.MAX_RECEIVE_COUNT, 5, 1, 1000)),
                orZero(r.integer(Keys.VISIBILITY_TIMEOUT_SECONDS, 30, 0, 43_200)),
                r.optional(Keys.METRICS_NAMESPACE, "RedshiftAutopilot", NAMESPACE, "a CloudWatch namespace"),
                r.optional(Keys.ALERTING_NAME_PREFIX, "autopilot-alerting-", NAME_PREFIX, "letters, digits, '-' and '_'"),
                orZero(r.integer(Keys.ANALYZER_MAX_TASKS, 4, 1, 50)),
                orZero(r.integer(Keys.MAINTENANCE_MAX_TASKS, 2, 1, 50)),
                r.optional(Keys.DATABASE_INSTANCE_TYPE, "t4g.micro", INSTANCE_TYPE, "an RDS instance type such as t4g.micro"),
                r.optional(Keys.PAGES_EMAIL, "", EMAIL, "an e-mail address"),
                r.optional(Keys.REDSHIFT_NODE_TYPE, "ra3.xlplus", NODE_TYPE, "a node type such as ra3.4xlarge or dc2.large"));
        if (settings.alertingNamePrefix() != null && Operations.ALARM_PREFIX.startsWith(settings.alertingNamePrefix())) {
            r.problem(Keys.ALERTING_NAME_PREFIX, "must not be a prefix of '" + Operations.ALARM_PREFIX
                    + "' (the stack's own alarms), or the alerting service would manage and delete them; found '"
                    + settings.alertingNamePrefix() + "'");
        }
        if (!r.problems.isEmpty()) {
            throw new InvalidDeploySettingsException(r.problems);
        }
        return settings;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** Collects every problem instead of stopping at the first, so one run shows them all. */
    private static final class Reader {
        private final Function<String, Object> context;
        private final List<String> problems = new ArrayList<>();

        Reader(Function<String, Object> context) {
            this.context = context;
        }

        void problem(String key, String message) {
            problems.add(key + ": " + message);
        }

        private String text(String key) {
            Object value = context.apply(key);
            return value == null ? null : value.toString().strip();
        }

        String required(String key, Pattern format, String example) {
            String value = text(key);
            if (value == null || value.isEmpty()) {
                problem(key, "is required (e.g. -c " + key + "=" + example + ")");
                return null;
            }
            return checked(key, value, format, example);
        }

        String optional(String key, String fallback, Pattern format, String expected) {
            String value = text(key);
            return value == null || value.isEmpty() ? fallback : checked(key, value, format, expected);
        }

        private String checked(String key, String value, Pattern format, String expected) {
            if (!format.matcher(value).matches()) {
                problem(key, "expected " + expected + ", found '" + value + "'");
                return null;
            }
            return value;
        }

        List<String> list(String key, Pattern format, String example) {
            String value = text(key);
            if (value == null || value.isEmpty()) {
                problem(key, "is required, comma-separated (e.g. -c " + key + "=" + example + ",...)");
                return List.of();
            }
            List<String> items = Arrays.stream(value.replaceAll("[\\[\\]\"]", "").split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            List<String> bad = items.stream().filter(s -> !format.matcher(s).matches()).toList();
            if (!bad.isEmpty()) {
                problem(key, "expected items like " + example + ", found " + bad);
                return List.of();
            }
            return items;
        }

        Integer integer(String key, int fallback, int min, int max) {
            String value = text(key);
            if (value == null || value.isEmpty()) {
                return fallback;
            }
            try {
                int number = Integer.parseInt(value);
                if (number < min || number > max) {
                    problem(key, "must be between " + min + " and " + max + ", found " + number);
                    return null;
                }
                return number;
            } catch (NumberFormatException e) {
                problem(key, "expected a whole number, found '" + value + "'");
                return null;
            }
        }
    }
}
