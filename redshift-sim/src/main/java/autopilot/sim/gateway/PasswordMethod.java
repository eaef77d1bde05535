package autopilot.sim.gateway;

/**
 * How {@link WireGateway} asks clients for their password. Redshift uses MD5 for password users;
 * cleartext exists for clients that cannot do MD5 and should only be used over TLS.
 */
public enum PasswordMethod {
    /** AuthenticationMD5Password with a fresh 4-byte salt per connection. */
    MD5,
    /** AuthenticationCleartextPassword. */
    CLEARTEXT
}
