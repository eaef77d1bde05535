package autopilot.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Another database of the same cluster: only the URL's database changes, properties and login stay. */
class ClusterLoginTest {

    private static ClusterLogin login(String url) {
        return new ClusterLogin("autopilot.x.clusters.prod", url, "monitor", Optional.of("pw"), Optional.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:redshift://127.0.0.1:5439/dev?ssl=false|jdbc:redshift://127.0.0.1:5439/analytics?ssl=false",
            "jdbc:redshift://host.example.com:5439/dev|jdbc:redshift://host.example.com:5439/analytics",
            "jdbc:redshift://host.example.com:5439|jdbc:redshift://host.example.com:5439/analytics",
            "jdbc:redshift://host:5439/dev;ssl=true;sslmode=verify-full|jdbc:redshift://host:5439/analytics;ssl=true;sslmode=verify-full",
            "jdbc:redshift:iam://prod-cluster:us-east-1/dev?DbUser=monitor|jdbc:redshift:iam://prod-cluster:us-east-1/analytics?DbUser=monitor",
    })
    void swapsOnlyTheDatabase(String url, String expected) {
        ClusterLogin other = login(url).withDatabase("analytics");
        assertThat(other.jdbcUrl()).isEqualTo(expected);
        assertThat(other.user()).isEqualTo("monitor");
        assertThat(other.password()).contains("pw");
        assertThat(other.configKey()).isEqualTo("autopilot.x.clusters.prod");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a?b", "a;b", "a b", ""})
    void refusesNamesThatWouldBreakTheUrl(String database) {
        assertThat(ClusterLogin.nameableInUrl(database)).isFalse();
        assertThatThrownBy(() -> login("jdbc:redshift://h:5439/dev").withDatabase(database))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://h:5432/dev", "redshift://h/dev"})
    void refusesUrlsItCannotRewriteNamingTheKey(String url) {
        assertThatThrownBy(() -> login(url).withDatabase("analytics")).hasMessageContaining("autopilot.x.clusters.prod.jdbc-url");
    }
}
