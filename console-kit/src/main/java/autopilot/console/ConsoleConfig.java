package autopilot.console;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Where people reach a service's console, shared by every service that links to its pages. */
@ConfigMapping(prefix = "autopilot.console")
public interface ConsoleConfig {

    /**
     * The address people reach the console at (e.g. the internal load balancer's {@code https://autopilot.example.com}),
     * without a trailing path; when set, events and pages carry links to the console's pages. Unset: no links.
     */
    Optional<String> baseUrl();

    /**
     * The base address checked: absolute http(s), no query, trailing slash dropped.
     *
     * @throws IllegalStateException naming the key when it is not such an address
     */
    static Optional<String> checked(Optional<String> baseUrl) {
        if (baseUrl.isEmpty() || baseUrl.get().isBlank()) return Optional.empty();
        String url = baseUrl.get().trim();
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("autopilot.console.base-url must be an absolute http(s) address, was " + url + ": " + e.getMessage());
        }
        if (!uri.isAbsolute() || uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalStateException("autopilot.console.base-url must be an absolute http(s) address without query or fragment, "
                    + "e.g. https://autopilot.example.com, was " + url);
        }
        return Optional.of(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }
}
