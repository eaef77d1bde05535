package autopilot.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Discovery settings for tests: the defaults of {@link DiscoveryConfig}, with the few a test changes. */
record TestDiscovery(String tagKey, String tagValue, String user, String userTag, String secretTag, String database,
                     Optional<String> jdbcProperties, Optional<String> addressOverride) implements DiscoveryConfig {

    static TestDiscovery defaults() {
        return new TestDiscovery("autopilot:monitor", "true", "autopilot_monitor", "autopilot:user", "autopilot:secret", "dev",
                Optional.empty(), Optional.empty());
    }

    TestDiscovery withAddressOverride(String host) {
        return new TestDiscovery(tagKey, tagValue, user, userTag, secretTag, database, Optional.of("ssl=false"), Optional.of(host));
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(5);
    }

    @Override
    public boolean provisioned() {
        return true;
    }

    @Override
    public boolean serverless() {
        return true;
    }

    @Override
    public Duration credentialsDuration() {
        return Duration.ofMinutes(15);
    }

    @Override
    public Optional<URI> serverlessEndpoint() {
        return Optional.empty();
    }
}
