package autopilot.sim.gateway;

import java.util.Map;
import java.util.Optional;

/**
 * Source of the simulated cluster's users and their passwords, consulted by {@link WireGateway}
 * when a client logs in.
 *
 * <p>The gateway needs the cleartext password because the MD5 challenge is salted per connection:
 * the expected answer can only be computed from the password itself.
 */
public interface Authenticator {

    /** The password of {@code user}, or empty when no such user exists. */
    Optional<String> passwordOf(String user);

    /** Whether {@code user} exists at all. */
    default boolean knows(String user) {
        return passwordOf(user).isPresent();
    }

    /** An authenticator over a fixed user → password map. */
    static Authenticator of(Map<String, String> passwords) {
        Map<String, String> copy = Map.copyOf(passwords);
        return user -> Optional.ofNullable(copy.get(user));
    }
}
