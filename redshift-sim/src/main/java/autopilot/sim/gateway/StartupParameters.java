package autopilot.sim.gateway;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chooses which client startup parameters reach PostgreSQL. Redshift drivers add their own
 * (driver_version, os_version, client_protocol_version, ...) that PostgreSQL would reject as
 * unknown settings, so only well-known session settings pass.
 */
final class StartupParameters {

    /** Lower case: PostgreSQL matches setting names case-insensitively. */
    private static final Set<String> ACCEPTED =
            Set.of(
                    "user",
                    "database",
                    "options",
                    "application_name",
                    "client_encoding",
                    "datestyle",
                    "timezone",
                    "extra_float_digits",
                    "search_path");

    private StartupParameters() {}

    /** The parameters to send to the backend; {@code database} defaults to the user name. */
    static Map<String, String> forBackend(Map<String, String> fromClient) {
        Map<String, String> kept = new LinkedHashMap<>();
        fromClient.forEach(
                (name, value) -> {
                    if (ACCEPTED.contains(name.toLowerCase(Locale.ROOT))) {
                        kept.put(name, value);
                    }
                });
        String user = kept.get("user");
        if (user != null && (kept.get("database") == null || kept.get("database").isEmpty())) {
            kept.put("database", user);
        }
        return kept;
    }
}
