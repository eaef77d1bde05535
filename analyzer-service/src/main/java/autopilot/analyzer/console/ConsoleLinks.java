package autopilot.analyzer.console;

import autopilot.console.ConsoleConfig;
import autopilot.console.Links;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Addresses of the analyzer's console pages: relative ones for links between pages, absolute ones (from
 * {@code autopilot.console.base-url}) for the links recommendation events carry. Checked at start-up, so a bad base
 * address stops the service with the key named.
 */
@Startup
@ApplicationScoped
public class ConsoleLinks {

    static final String ROOT = "/console";

    private final Optional<String> base;

    ConsoleLinks(ConsoleConfig config) {
        this.base = ConsoleConfig.checked(config.baseUrl());
    }

    /** The finding's page, absolute, or null when no base address is configured. */
    public String absoluteFinding(String fingerprint) {
        return base.map(b -> b + finding(fingerprint)).orElse(null);
    }

    static String finding(String fingerprint) {
        return ROOT + "/findings/" + Links.segments(fingerprint);
    }

    static String cluster(String clusterId) {
        return ROOT + "/clusters/" + Links.segment(clusterId);
    }
}
