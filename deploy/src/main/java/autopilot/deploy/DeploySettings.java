package autopilot.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The deployment's parameters, validated: where the system goes (an existing VPC), which Redshift
 * clusters it watches (every cluster and Serverless workgroup carrying the discovery tag, plus an
 * optional static list), which images run, and a few sizing knobs. Read from CDK context
 * ({@code cdk synth -c vpcId=vpc-...}) by {@link #fromContext}; every problem is reported at once,
 * each naming its context key.
 *
 * @param vpcId                     existing VPC the tasks and the database go into
 * @param subnetIds                 private subnets (with a route to AWS APIs) for tasks and database, at least two
 * @param availabilityZones         the zone of each subnet, in the same order
 * @param discovery                 which clusters the services discover by tag, and how often
 * @param clusters                  clusters listed explicitly (empty: discovery alone)
 * @param redshiftPorts             ports the Redshift client security group may reach (with every listed cluster's port)
 * @param redshiftDatabase          database the services connect to when a cluster does not name one
 * @param redshiftUser              monitoring user (read access to system tables), the collector's database user
 * @param maintenanceUser           maintenance user (owner of the tables or superuser)
 * @param clusterSecretPrefix       the services may read only Secrets Manager secrets whose name starts with this
 * @param imageRepositoryPrefix     ECR repositories are {@code <prefix><service>}, e.g. {@code redshift-autopilot/collector-service}
 * @param imageTag                  image tag run by every service
 * @param logRetention              retention of the services' log groups
 * @param maxReceiveCount           receives before a message moves to its DLQ
 * @param visibilityTimeoutSeconds  default visibility timeout of the queues
 * @param metricsNamespace          CloudWatch namespace of the custom metrics (the alerting service's only namespace)
 * @param alertingNamePrefix        prefix of the alarms and dashboards the alerting service owns
 * @param analyzerMaxTasks          upper bound of the analyzer's queue-depth autoscaling
 * @param maintenanceMaxTasks       upper bound of the maintenance service's queue-depth autoscaling
 * @param collectorMaxTasks         upper bound of the collector's collection-lag autoscaling
 * @param databaseInstanceType      RDS instance type of the services' PostgreSQL
 * @param pagesEmail                optional e-mail address subscribed to the pages topic (empty: none)
 * @param console                   the console behind an internal load balancer with OIDC sign-in; empty: no console
 */
public record DeploySettings(String vpcId, List<String> subnetIds, List<String> availabilityZones,
                             Discovery discovery, List<StaticCluster> clusters, List<Integer> redshiftPorts,
                             String redshiftDatabase, String redshiftUser, String maintenanceUser,
                             String clusterSecretPrefix,
                             String imageRepositoryPrefix, String imageTag, RetentionDays logRetention,
                             int maxReceiveCount, int visibilityTimeoutSeconds,
                             String metricsNamespace, String alertingNamePrefix,
                             int analyzerMaxTasks, int maintenanceMaxTasks, int collectorMaxTasks,
                             String databaseInstanceType, String pagesEmail, Optional<ConsoleSettings> console) {

    /**
     * Cluster discovery, as the services' {@code autopilot.discovery.*} settings: clusters and
     * workgroups tagged {@code tagKey=tagValue}, looked for every {@code interval}.
     *
     * @param provisioned whether provisioned clusters are discovered (redshift:DescribeClusters)
     * @param serverless  whether Serverless workgroups are discovered (redshift-serverless:ListWorkgroups, ...)
     * @param tagKey      tag key a monitored cluster carries
     * @param tagValue    its value
     * @param interval    how often the services look
     */
    public record Discovery(boolean provisioned, boolean serverless, String tagKey, String tagValue, Duration interval) {
        /** Discovery runs when it looks for either kind. */
        public boolean enabled() {
            return provisioned || serverless;
        }
    }

    /** Log retention values accepted by {@code logRetentionDays} (CloudWatch Logs allows only fixed values). */
    static final Map<Integer, RetentionDays> RETENTION = Map.of(
            7, RetentionDays.ONE_WEEK, 14, RetentionDays.TWO_WEEKS, 30, RetentionDays.ONE_MONTH,
            60, RetentionDays.TWO_MONTHS, 90, RetentionDays.THREE_MONTHS, 180, RetentionDays.SIX_MONTHS,
            365, RetentionDays.ONE_YEAR, 731, RetentionDays.TWO_YEARS);

    private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern AVAILABILITY_ZONE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d[a-z]");
    // One word, so that the environment variable AUTOPILOT_COLLECTOR_CLUSTERS_<ID>_JDBC_URL maps back to one key.
    private static final Pattern CLUSTER_ID = Pattern.compile("[a-z][a-z0-9]{0,30}");
    private static final String HOST = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*";
    private static final String SQL_NAME_TEXT = "[A-Za-z_][A-Za-z0-9_$]{0,126}";
    private static final Pattern SQL_NAME = Pattern.compile(SQL_NAME_TEXT);
    /** {@code host[:port][/database]}: a cluster's endpoint as the console shows it, database optional. */
    private static final Pattern ENDPOINT = Pattern.compile(
            "(?<host>" + HOST + ")(?::(?<port>\\d{1,5}))?(?:/(?<database>" + SQL_NAME_TEXT + "))?");
    static final Pattern NODE_TYPE = Pattern.compile("(ra3|dc2)\\.[a-z0-9]+");
    private static final Pattern SECRET_ARN =
            Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}");
    // Characters of a Secrets Manager secret name; no '*' or '?', so the prefix is taken literally in the policy.
    private static final Pattern SECRET_PREFIX = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,256}");
    // Tag keys and values as IAM conditions and the services read them (ASCII subset of what AWS allows).
    private static final Pattern TAG_KEY = Pattern.compile("(?!aws:)[A-Za-z0-9_.:/=+@-]{1,128}");
    private static final Pattern TAG_VALUE = Pattern.compile("[A-Za-z0-9_.:/=+@-]{1,256}");
    private static final Pattern REPOSITORY_PREFIX = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,200}");
    private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_./#:-]{1,255}");
    private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9]*\\.[a-z0-9]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DOMAIN_NAME = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern CERTIFICATE_ARN = Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]{36}");
    private static final Pattern CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");
    /** ALB's OIDC endpoints must be HTTPS with publicly resolvable names (listener-authenticate-users.html). */
    private static final Pattern HTTPS_URL = Pattern.compile("https://" + HOST + "(:\\d{1,5})?(/[^\\s]*)?");
    private static final Pattern CLIENT_ID = Pattern.compile("[^\\s]{1,256}");
    // The static cluster list: its fields, and the example error messages show.
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CLUSTER_FIELDS = List.of("id", "endpoint", "secretArn", "maintenanceSecretArn", "nodeType");
    private static final String CLUSTERS_EXAMPLE =
            "[{\"id\":\"main\",\"endpoint\":\"my-cluster.abc123xyz.eu-west-1.redshift.amazonaws.com:5439/dev\","
                    + "\"secretArn\":\"arn:aws:secretsmanager:...:secret:autopilot/main-AbCdEf\"}]";

    private static final int MIN_PORT = 1150;
    private static final int MAX_PORT = 65535;
    private static final int DEFAULT_PORT = 5439;

    /** Context keys: the names users pass with {@code -c key=value} and see in error messages. */
    public static final class Keys {
        public static final String VPC_ID = "vpcId";
        public static final String SUBNET_IDS = "subnetIds";
        public static final String AVAILABILITY_ZONES = "availabilityZones";
        public static final String DISCOVERY_PROVISIONED = "discoveryProvisioned";
        public static final String DISCOVERY_SERVERLESS = "discoveryServerless";
        public static final String DISCOVERY_TAG_KEY = "discoveryTagKey";
        public static final String DISCOVERY_TAG_VALUE = "discoveryTagValue";
        public static final String DISCOVERY_INTERVAL = "discoveryInterval";
        public static final String CLUSTERS = "clusters";
        public static final String REDSHIFT_PORTS = "redshiftPorts";
        public static final String REDSHIFT_DATABASE = "redshiftDatabase";
        public static final String REDSHIFT_USER = "redshiftUser";
        public static final String MAINTENANCE_USER = "maintenanceUser";
        public static final String CLUSTER_SECRET_PREFIX = "clusterSecretPrefix";
        public static final String IMAGE_REPOSITORY_PREFIX = "imageRepositoryPrefix";
        public static final String IMAGE_TAG = "imageTag";
        public static final String LOG_RETENTION_DAYS = "logRetentionDays";
        public static final String MAX_RECEIVE_COUNT = "maxReceiveCount";
        public static final String VISIBILITY_TIMEOUT_SECONDS = "visibilityTimeoutSeconds";
        public static final String METRICS_NAMESPACE = "metricsNamespace";
        public static final String ALERTING_NAME_PREFIX = "alertingNamePrefix";
        public static final String ANALYZER_MAX_TASKS = "analyzerMaxTasks";
        public static final String MAINTENANCE_MAX_TASKS = "maintenanceMaxTasks";
        public static final String COLLECTOR_MAX_TASKS = "collectorMaxTasks";
        public static final String DATABASE_INSTANCE_TYPE = "databaseInstanceType";
        public static final String PAGES_EMAIL = "pagesEmail";
        public static final String CONSOLE_DOMAIN_NAME = "consoleDomainName";
        public static final String CONSOLE_CERTIFICATE_ARN = "consoleCertificateArn";
        public static final String CONSOLE_ALLOWED_CIDRS = "consoleAllowedCidrs";
        public static final String CONSOLE_OIDC_ISSUER = "consoleOidcIssuer";
        public static final String CONSOLE_OIDC_AUTHORIZATION_ENDPOINT = "consoleOidcAuthorizationEndpoint";
        public static final String CONSOLE_OIDC_TOKEN_ENDPOINT = "consoleOidcTokenEndpoint";
        public static final String CONSOLE_OIDC_USER_INFO_ENDPOINT = "consoleOidcUserInfoEndpoint";
        public static final String CONSOLE_OIDC_CLIENT_ID = "consoleOidcClientId";
        public static final String CONSOLE_OIDC_CLIENT_SECRET_ARN = "consoleOidcClientSecretArn";
        /** Every console key: all of them, or none (no console). */
        static final List<String> CONSOLE = List.of(CONSOLE_DOMAIN_NAME, CONSOLE_CERTIFICATE_ARN, CONSOLE_ALLOWED_CIDRS,
                CONSOLE_OIDC_ISSUER, CONSOLE_OIDC_AUTHORIZATION_ENDPOINT, CONSOLE_OIDC_TOKEN_ENDPOINT,
                CONSOLE_OIDC_USER_INFO_ENDPOINT, CONSOLE_OIDC_CLIENT_ID, CONSOLE_OIDC_CLIENT_SECRET_ARN);

        private Keys() {
        }
    }

    /**
     * The single-cluster settings of earlier versions and what replaced each. They are refused rather
     * than mapped onto the fleet settings: the stack no longer changes a cluster's security group, so
     * a deployment that relied on them would lose its Redshift access silently.
     */
    static final Map<String, String> RETIRED = retired();

    private static Map<String, String> retired() {
        String listed = "list the cluster in " + Keys.CLUSTERS + " ([{\"id\":\"main\",\"endpoint\":\"host:5439/dev\","
                + "\"secretArn\":\"arn:...\"}]) or tag it autopilot:monitor=true (discovery); see deploy/README.md";
        Map<String, String> retired = new LinkedHashMap<>();
        retired.put("redshiftEndpoint", listed);
        retired.put("redshiftClusterId", listed);
        retired.put("redshiftSecretArn", listed);
        retired.put("redshiftPort", "replaced by " + Keys.REDSHIFT_PORTS + " (egress) and the port in each "
                + Keys.CLUSTERS + " endpoint");
        retired.put("maintenanceSecretArn", "replaced by maintenanceSecretArn of each cluster in " + Keys.CLUSTERS
                + " (or the cluster's autopilot:secret tag)");
        retired.put("redshiftNodeType", "replaced by nodeType of each cluster in " + Keys.CLUSTERS);
        retired.put("redshiftSecurityGroupId", "the stack no longer opens cluster security groups: allow the"
                + " RedshiftClientSecurityGroupId output on each monitored cluster's security group (deploy/README.md, Security groups)");
        return Collections.unmodifiableMap(retired);
    }

    /**
     * Reads and validates every parameter.
     *
     * @param context a CDK context lookup ({@code node::tryGetContext}); absent keys are {@code null}
     * @throws InvalidDeploySettingsException naming every missing or invalid key
     */
    public static DeploySettings fromContext(Function<String, Object> context) {
        Reader r = new Reader(context);
        RETIRED.forEach((key, replacement) -> {
            if (context.apply(key) != null) {
                r.problem(key, "no longer supported: " + replacement);
            }
        });
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
        Discovery discovery = new Discovery(
                r.bool(Keys.DISCOVERY_PROVISIONED, true),
                r.bool(Keys.DISCOVERY_SERVERLESS, true),
                r.optional(Keys.DISCOVERY_TAG_KEY, "autopilot:monitor", TAG_KEY,
                        "a tag key (letters, digits and _.:/=+@-, not starting with aws:)"),
                r.optional(Keys.DISCOVERY_TAG_VALUE, "true", TAG_VALUE, "a tag value (letters, digits and _.:/=+@-)"),
                r.duration(Keys.DISCOVERY_INTERVAL, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofDays(1)));
        String database = r.optional(Keys.REDSHIFT_DATABASE, "dev", SQL_NAME, "a database name");
        List<StaticCluster> clusters = r.clusters(Keys.CLUSTERS, database == null ? "dev" : database);
        if (!discovery.enabled() && clusters.isEmpty() && r.problems.stream().noneMatch(p -> p.startsWith(Keys.CLUSTERS))) {
            r.problem(Keys.DISCOVERY_PROVISIONED, "and " + Keys.DISCOVERY_SERVERLESS + " are both false and "
                    + Keys.CLUSTERS + " lists none: nothing would be monitored");
        }
        List<Integer> ports = r.ports(Keys.REDSHIFT_PORTS, List.of(DEFAULT_PORT));
        String redshiftUser = r.optional(Keys.REDSHIFT_USER, "autopilot_monitor", SQL_NAME, "a database user name");
        Integer retentionDays = r.integer(Keys.LOG_RETENTION_DAYS, 30, 1, 3653);
        RetentionDays retention = RETENTION.get(retentionDays);
        if (retentionDays != null && retention == null) {
            r.problem(Keys.LOG_RETENTION_DAYS, "must be one of " + RETENTION.keySet().stream().sorted().toList()
                    + ", found " + retentionDays);
        }
        DeploySettings settings = new DeploySettings(
                vpcId, subnets, zones, discovery, clusters, ports, database, redshiftUser,
                r.optional(Keys.MAINTENANCE_USER, redshiftUser, SQL_NAME, "a database user name"),
                r.optional(Keys.CLUSTER_SECRET_PREFIX, "autopilot/", SECRET_PREFIX,
                        "the start of a Secrets Manager secret name such as autopilot/"),
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
                orZero(r.integer(Keys.COLLECTOR_MAX_TASKS, 4, 1, 50)),
                r.optional(Keys.DATABASE_INSTANCE_TYPE, "t4g.micro", INSTANCE_TYPE, "an RDS instance type such as t4g.micro"),
                r.optional(Keys.PAGES_EMAIL, "", EMAIL, "an e-mail address"),
                console(r));
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

    /**
     * The console's settings: every console key or none. Sign-in is not optional: the load balancer
     * authenticates each request against the OIDC identity provider before it reaches a service.
     */
    private static Optional<ConsoleSettings> console(Reader r) {
        List<String> given = Keys.CONSOLE.stream().filter(k -> r.text(k) != null && !r.text(k).isEmpty()).toList();
        if (given.isEmpty()) {
            return Optional.empty();
        }
        if (given.size() < Keys.CONSOLE.size()) {
            Keys.CONSOLE.stream().filter(k -> !given.contains(k)).forEach(k -> r.problem(k, "is required for the console ("
                    + given.get(0) + " is set; the console needs all of " + Keys.CONSOLE + " or none)"));
            return Optional.empty();
        }
        return Optional.of(new ConsoleSettings(
                r.required(Keys.CONSOLE_DOMAIN_NAME, DOMAIN_NAME, "autopilot.internal.example.com"),
                r.required(Keys.CONSOLE_CERTIFICATE_ARN, CERTIFICATE_ARN,
                        "arn:aws:acm:eu-west-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100"),
                r.list(Keys.CONSOLE_ALLOWED_CIDRS, CIDR, "10.20.0.0/16"),
                r.required(Keys.CONSOLE_OIDC_ISSUER, HTTPS_URL, "https://login.example.com"),
                r.required(Keys.CONSOLE_OIDC_AUTHORIZATION_ENDPOINT, HTTPS_URL, "https://login.example.com/authorize"),
                r.required(Keys.CONSOLE_OIDC_TOKEN_ENDPOINT, HTTPS_URL, "https://login.example.com/token"),
                r.required(Keys.CONSOLE_OIDC_USER_INFO_ENDPOINT, HTTPS_URL, "https://login.example.com/userinfo"),
                r.required(Keys.CONSOLE_OIDC_CLIENT_ID, CLIENT_ID, "autopilot-console"),
                r.required(Keys.CONSOLE_OIDC_CLIENT_SECRET_ARN, SECRET_ARN,
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:autopilot/console-oidc-AbCdEf")));
    }

    /** Ports the Redshift client security group may reach: {@code redshiftPorts} and every listed cluster's port. */
    public List<Integer> egressPorts() {
        return Stream.concat(redshiftPorts.stream(), clusters.stream().map(StaticCluster::port)).distinct().sorted().toList();
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

        boolean bool(String key, boolean fallback) {
            String value = text(key);
            if (value == null || value.isEmpty()) {
                return fallback;
            }
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                problem(key, "expected true or false, found '" + value + "'");
                return fallback;
            }
            return Boolean.parseBoolean(value);
        }

        Duration duration(String key, Duration fallback, Duration min, Duration max) {
            return ranged(key, fallback, min, max, Duration::parse, "an ISO-8601 duration such as PT5M");
        }

        List<Integer> ports(String key, List<Integer> fallback) {
            String value = text(key);
            if (value == null || value.isEmpty()) {
                return fallback;
            }
            List<Integer> ports = new ArrayList<>();
            for (String item : value.replaceAll("[\\[\\]\"]", "").split(",")) {
                Integer port = port(key, item.strip());
                if (port != null) {
                    ports.add(port);
                }
            }
            return ports;
        }

        private Integer port(String key, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= MIN_PORT && port <= MAX_PORT) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(key, "expected ports between " + MIN_PORT + " and " + MAX_PORT + ", found '" + value + "'");
            return null;
        }

        /**
         * The static cluster list: a JSON array of objects, from cdk.json (already a list) or from
         * {@code -c clusters='[...]'} (a string). Each problem names the entry and its field.
         */
        List<StaticCluster> clusters(String key, String defaultDatabase) {
            Object value = context.apply(key);
            if (value == null || value.toString().isBlank()) {
                return List.of();
            }
            JsonNode array;
            try {
                array = value instanceof String text ? JSON.readTree(text) : JSON.valueToTree(value);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                problem(key, "expected a JSON array such as " + CLUSTERS_EXAMPLE + ", found '" + value + "'");
                return List.of();
            }
            if (array == null || !array.isArray()) {
                problem(key, "expected a JSON array such as " + CLUSTERS_EXAMPLE + ", found '" + value + "'");
                return List.of();
            }
            List<StaticCluster> clusters = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                StaticCluster cluster = cluster(key + "[" + i + "]", array.get(i), defaultDatabase);
                if (cluster != null && !ids.add(cluster.id())) {
                    problem(key + "[" + i + "].id", "'" + cluster.id() + "' is listed twice");
                } else if (cluster != null) {
                    clusters.add(cluster);
                }
            }
            return clusters;
        }

        private StaticCluster cluster(String key, JsonNode entry, String defaultDatabase) {
            if (!entry.isObject()) {
                problem(key, "expected an object such as " + CLUSTERS_EXAMPLE.substring(1, CLUSTERS_EXAMPLE.length() - 1)
                        + ", found " + entry);
                return null;
            }
            int before = problems.size();
            for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!CLUSTER_FIELDS.contains(name)) {
                    problem(key, "unknown field '" + name + "' (expected " + String.join(", ", CLUSTER_FIELDS) + ")");
                }
            }
            String id = field(key, entry, "id", CLUSTER_ID, "lowercase letters and digits, starting with a letter", true);
            String endpoint = field(key, entry, "endpoint", ENDPOINT, "host[:port][/database]", true);
            Optional<String> secret = Optional.ofNullable(field(key, entry, "secretArn", SECRET_ARN,
                    "the complete ARN of a Secrets Manager secret", false));
            Optional<String> maintenanceSecret = Optional.ofNullable(field(key, entry, "maintenanceSecretArn", SECRET_ARN,
                    "the complete ARN of a Secrets Manager secret", false));
            Optional<String> nodeType = Optional.ofNullable(field(key, entry, "nodeType", NODE_TYPE,
                    "a node type such as ra3.4xlarge or dc2.large", false));
            if (endpoint == null) {
                return null;
            }
            Matcher parts = ENDPOINT.matcher(endpoint);
            parts.matches();
            Integer port = parts.group("port") == null ? Integer.valueOf(DEFAULT_PORT) : port(key + ".endpoint", parts.group("port"));
            if (problems.size() > before) {
                return null;
            }
            StaticCluster cluster = new StaticCluster(id, parts.group("host"), port,
                    parts.group("database") == null ? defaultDatabase : parts.group("database"), secret, maintenanceSecret, nodeType);
            if (cluster.serverless() && secret.isEmpty()) {
                problem(key + ".secretArn", "is required for a Serverless workgroup: IAM credentials"
                        + " (redshift-serverless:GetCredentials) are granted only on workgroups carrying the discovery tag,"
                        + " so tag the workgroup instead of listing it, or give it a secret");
            }
            return problems.size() > before ? null : cluster;
        }

        private String field(String key, JsonNode entry, String name, Pattern format, String expected, boolean required) {
            JsonNode node = entry.get(name);
            if (node == null || node.isNull() || node.asText().isBlank()) {
                if (required) {
                    problem(key + "." + name, "is required (" + expected + ")");
                }
                return null;
            }
            return checked(key + "." + name, node.asText().strip(), format, expected);
        }

        Integer integer(String key, int fallback, int min, int max) {
            return ranged(key, fallback, min, max, Integer::valueOf, "a whole number");
        }

        /** An optional value of a type with an order, parsed and held to a range; null after a problem. */
        private <T extends Comparable<? super T>> T ranged(String key, T fallback, T min, T max, Function<String, T> parse,
                                                          String expected) {
            String value = text(key);
            if (value == null || value.isEmpty()) {
                return fallback;
            }
            T parsed;
            try {
                parsed = parse.apply(value);
            } catch (IllegalArgumentException | DateTimeParseException e) { // NumberFormatException is an IllegalArgumentException
                problem(key, "expected " + expected + ", found '" + value + "'");
                return null;
            }
            if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
                problem(key, "must be between " + min + " and " + max + ", found " + parsed);
                return null;
            }
            return parsed;
        }
    }
}
