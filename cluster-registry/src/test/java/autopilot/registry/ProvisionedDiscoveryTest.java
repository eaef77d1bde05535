package autopilot.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.events.ClusterKind;
import autopilot.testsupport.AwsClients;
import autopilot.testsupport.MotoRedshift;
import autopilot.testsupport.MotoServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** Discovery of provisioned clusters against moto's Redshift API (DescribeClusters, tags, GetClusterCredentials). */
class ProvisionedDiscoveryTest {

    private static MotoServer moto;
    private static RedshiftApi redshift;
    private static MotoRedshift setup;
    private static AwsClients aws;
    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void start() {
        moto = MotoServer.shared();
        aws = AwsClients.forEndpoint(moto.endpoint());
        redshift = api(moto.endpoint());
        setup = new MotoRedshift(moto.endpoint());
    }

    @AfterAll
    static void close() {
        redshift.close();
        aws.close();
    }

    private static RedshiftApi api(java.net.URI endpoint) {
        return new RedshiftApi(endpoint, AwsClients.REGION,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsClients.ACCESS_KEY, AwsClients.SECRET_KEY)),
                UrlConnectionHttpClient.create());
    }

    private void create(String id, String nodeType, int nodes, int port, Map<String, String> tags) {
        setup.createCluster(id, nodeType, nodes, port, tags);
    }

    private List<ClusterRegistry.Change> changes = new ArrayList<>();

    private ClusterRegistry registry(DiscoveryConfig config, RedshiftApi client) {
        return new ClusterRegistry(config, ClusterRegistry.sources(config, client, null), changes::add, Clock.systemUTC());
    }

    private Map<String, DiscoveredCluster> ours(ClusterRegistry registry) {
        Map<String, DiscoveredCluster> mine = new java.util.TreeMap<>(registry.clusters());
        mine.keySet().removeIf(id -> !id.startsWith(prefix));
        return mine;
    }

    @Test
    void taggedClustersAreFoundWithWhatEachServiceNeeds() {
        create(prefix + "-prod", "ra3.4xlarge", 4, 5440, Map.of("autopilot:monitor", "true", "autopilot:secret", "autopilot/prod",
                "autopilot:database", "analytics", "autopilot:maintenance-window", "sun:02:00-sun:05:00", "autopilot:dry-run", "true",
                "autopilot:databases-deny", "scratch tmp"));
        create(prefix + "-iam", "ra3.xlplus", 1, 5441, Map.of("autopilot:monitor", "TRUE", "autopilot:user", "watcher"));
        create(prefix + "-other", "ra3.xlplus", 2, 5442, Map.of("team", "data"));
        create(prefix + "-off", "ra3.xlplus", 2, 5443, Map.of("autopilot:monitor", "false"));

        ClusterRegistry registry = registry(TestDiscovery.defaults().withAddressOverride("127.0.0.1"), redshift);
        ClusterRegistry.Change change = registry.refresh();

        assertThat(ours(registry)).containsOnlyKeys(prefix + "-prod", prefix + "-iam");
        DiscoveredCluster prod = registry.find(prefix + "-prod").orElseThrow();
        assertThat(prod.kind()).isEqualTo(ClusterKind.PROVISIONED);
        assertThat(prod.host()).isEqualTo("127.0.0.1");
        assertThat(prod.port()).isEqualTo(5440);
        assertThat(prod.database()).isEqualTo("analytics");
        assertThat(prod.user()).isEqualTo("autopilot_monitor");
        assertThat(prod.secretId()).contains("autopilot/prod");
        assertThat(prod.nodeType()).contains("ra3.4xlarge");
        assertThat(prod.nodes()).hasValue(4);
        assertThat(prod.maintenanceWindow()).contains("sun:02:00-sun:05:00");
        assertThat(prod.dryRun()).contains(true);
        assertThat(prod.databasesDeny()).containsExactly("scratch", "tmp");
        assertThat(prod.jdbcUrl(Optional.of("ssl=false"))).isEqualTo("jdbc:redshift://127.0.0.1:5440/analytics?ssl=false");
        DiscoveredCluster iam = registry.find(prefix + "-iam").orElseThrow();
        assertThat(iam.iam()).isTrue();
        assertThat(iam.user()).isEqualTo("watcher");
        assertThat(iam.database()).isEqualTo("dev");
        assertThat(change.added()).extracting(DiscoveredCluster::id).contains(prefix + "-prod", prefix + "-iam");
    }

    @Test
    void untaggedAndDeletedClustersAreDroppedWithTheirReason() {
        create(prefix + "-a", "ra3.xlplus", 2, 5450, Map.of("autopilot:monitor", "true"));
        create(prefix + "-b", "ra3.xlplus", 2, 5451, Map.of("autopilot:monitor", "true"));
        ClusterRegistry registry = registry(TestDiscovery.defaults(), redshift);
        registry.refresh();
        assertThat(ours(registry)).containsOnlyKeys(prefix + "-a", prefix + "-b");

        setup.deleteTag(prefix + "-a", "autopilot:monitor");
        setup.deleteCluster(prefix + "-b");
        ClusterRegistry.Change change = registry.refresh();

        assertThat(ours(registry)).isEmpty();
        assertThat(change.dropped()).filteredOn(d -> d.id().startsWith(prefix)).extracting(ClusterRegistry.Dropped::id,
                ClusterRegistry.Dropped::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(prefix + "-a", "no longer tagged autopilot:monitor=true (or being deleted)"),
                org.assertj.core.groups.Tuple.tuple(prefix + "-b", "deleted (no longer listed by the AWS API)"));
        assertThat(changes).last().isSameAs(change);
    }

    @Test
    void aFailedCallKeepsTheLastListAndSaysSo() {
        create(prefix + "-kept", "ra3.xlplus", 2, 5460, Map.of("autopilot:monitor", "true"));
        AtomicBoolean failing = new AtomicBoolean();
        ClusterSource real = ClusterRegistry.sources(TestDiscovery.defaults(), redshift, null).get(0);
        ClusterSource flaky = new ClusterSource() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public Listing list() {
                if (failing.get()) {
                    // The same client against a port nothing listens on: a real failed call.
                    try (RedshiftApi dead = api(java.net.URI.create("http://127.0.0.1:9"))) {
                        return ClusterRegistry.sources(TestDiscovery.defaults(), dead, null).get(0).list();
                    }
                }
                return real.list();
            }
        };
        ClusterRegistry registry = new ClusterRegistry(TestDiscovery.defaults(), List.of(flaky), changes::add, Clock.systemUTC());
        registry.refresh();
        failing.set(true);
        ClusterRegistry.Change change = registry.refresh();

        assertThat(change.isEmpty()).isTrue();
        assertThat(registry.find(prefix + "-kept")).isPresent();
        ClusterRegistry.SourceStatus status = registry.statuses().get(0);
        assertThat(status.source()).isEqualTo("DescribeClusters");
        assertThat(status.lastError()).isNotBlank();
        assertThat(status.lastSuccess()).isBefore(status.lastAttempt());
    }

    @Test
    void iamClustersGetTemporaryCredentialsAndSecretClustersTheirSecret() {
        create(prefix + "-iam2", "ra3.xlplus", 2, 5470, Map.of("autopilot:monitor", "true", "autopilot:user", "watcher"));
        aws.secretsManager().createSecret(b -> b.name(prefix + "/secret").secretString("{\"username\":\"m\",\"password\":\"S3cret-pass\"}"));
        create(prefix + "-sec", "ra3.xlplus", 2, 5471, Map.of("autopilot:monitor", "true", "autopilot:secret", prefix + "/secret"));
        TestDiscovery config = TestDiscovery.defaults().withAddressOverride("127.0.0.1");
        ClusterRegistry registry = registry(config, redshift);
        registry.refresh();
        DiscoveredLogins logins = new DiscoveredLogins(config, aws.secretsManager(), () -> redshift, () -> {
            throw new AssertionError("no Serverless call for a provisioned cluster");
        });

        DiscoveredLogins.Login iam = logins.login(registry.find(prefix + "-iam2").orElseThrow(), Optional.of("analytics"));
        assertThat(iam.jdbcUrl()).isEqualTo("jdbc:redshift://127.0.0.1:5470/analytics?ssl=false");
        assertThat(iam.user()).isEqualTo("IAM:watcher"); // GetClusterCredentials' DbUser, AutoCreate off
        assertThat(iam.password()).isNotBlank();
        assertThat(iam.expires()).isPresent();
        DiscoveredLogins.Login secret = logins.login(registry.find(prefix + "-sec").orElseThrow(), Optional.empty());
        assertThat(secret.user()).isEqualTo("autopilot_monitor");
        assertThat(secret.password()).isEqualTo("S3cret-pass");
        assertThat(secret.expires()).isEmpty();
        assertThat(secret.jdbcUrl()).isEqualTo("jdbc:redshift://127.0.0.1:5471/dev?ssl=false");
    }

    @Test
    void anErrorAnswerNamesTheActionAndCode() {
        assertThatThrownBy(() -> redshift.clusterCredentials(prefix + "-absent", "u", "dev", java.time.Duration.ofMinutes(15), false))
                .isInstanceOf(RedshiftApi.RedshiftApiException.class).hasMessageStartingWith("Redshift GetClusterCredentials failed: ClusterNotFound");
    }

    @Test
    void aMissingSecretNamesTheCluster() {
        create(prefix + "-nosecret", "ra3.xlplus", 2, 5480, Map.of("autopilot:monitor", "true", "autopilot:secret", prefix + "/absent"));
        ClusterRegistry registry = registry(TestDiscovery.defaults(), redshift);
        registry.refresh();
        DiscoveredLogins logins = new DiscoveredLogins(TestDiscovery.defaults(), aws.secretsManager(), () -> redshift, () -> null);
        assertThatThrownBy(() -> logins.login(registry.find(prefix + "-nosecret").orElseThrow(), Optional.empty()))
                .hasMessageContaining(prefix + "/absent");
    }
}
