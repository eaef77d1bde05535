package autopilot.sim.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupParametersTest {

    @Test
    void dropsRedshiftDriverParameters() {
        Map<String, String> fromDriver = new LinkedHashMap<>();
        fromDriver.put("user", "alice");
        fromDriver.put("database", "dev");
        fromDriver.put("client_encoding", "UTF8");
        fromDriver.put("DateStyle", "ISO");
        fromDriver.put("TimeZone", "UTC");
        fromDriver.put("extra_float_digits", "2");
        fromDriver.put("application_name", "app");
        fromDriver.put("driver_version", "Redshift JDBC Driver 2.3.0");
        fromDriver.put("os_version", "Linux");
        fromDriver.put("client_protocol_version", "3");
        fromDriver.put("driver_discovery_version", "1");
        fromDriver.put("plugin_name", "x");

        assertThat(StartupParameters.forBackend(fromDriver))
                .containsExactly(
                        entry("user", "alice"),
                        entry("database", "dev"),
                        entry("client_encoding", "UTF8"),
                        entry("DateStyle", "ISO"),
                        entry("TimeZone", "UTC"),
                        entry("extra_float_digits", "2"),
                        entry("application_name", "app"));
    }

    @Test
    void databaseDefaultsToUser() {
        assertThat(StartupParameters.forBackend(Map.of("user", "bob")))
                .containsEntry("database", "bob");
    }
}
