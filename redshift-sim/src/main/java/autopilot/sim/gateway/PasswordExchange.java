package autopilot.sim.gateway;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The gateway's own password login, done the way Redshift does it: an MD5 challenge with a fresh
 * salt (or a cleartext request when so configured), checked against the {@link Authenticator}.
 */
final class PasswordExchange {
    private static final int MAX_PASSWORD_MESSAGE = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Authenticator authenticator;
    private final PasswordMethod method;

    PasswordExchange(Authenticator authenticator, PasswordMethod method) {
        this.authenticator = authenticator;
        this.method = method;
    }

    /**
     * Challenges the client and reads its answer. Unknown users get the same challenge as known
     * ones, so a client cannot tell which names exist.
     */
    boolean authenticate(DataInputStream in, ClientWriter out, String user) throws IOException {
        byte[] salt = new byte[4];
        if (method == PasswordMethod.MD5) {
            RANDOM.nextBytes(salt);
            out.send(Messages.authenticationRequest(Messages.AUTH_MD5, salt));
        } else {
            out.send(Messages.authenticationRequest(Messages.AUTH_CLEARTEXT, new byte[0]));
        }
        int type = in.read();
        if (type < 0) {
            // libpq hangs up here when it has no password yet and goes to ask the user for one.
            throw new EOFException("client left during authentication");
        }
        if (type != 'p') {
            throw new ProtocolException("expected a password message, got '" + (char) type + "'");
        }
        int length = Frames.readBodyLength(in);
        if (length > MAX_PASSWORD_MESSAGE) {
            throw new ProtocolException("password message too long");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        String answer = new MessageBody(body, length).cstring();
        Optional<String> password = authenticator.passwordOf(user);
        if (password.isEmpty()) {
            return false;
        }
        String expected =
                method == PasswordMethod.MD5
                        ? md5Answer(password.get(), user, salt)
                        : password.get();
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), answer.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code "md5" + md5hex(md5hex(password + user) + salt)}, as PostgreSQL defines it. */
    static String md5Answer(String password, String user, byte[] salt) {
        MessageDigest md5 = md5();
        String inner =
                HexFormat.of()
                        .formatHex(md5.digest((password + user).getBytes(StandardCharsets.UTF_8)));
        md5.update(inner.getBytes(StandardCharsets.US_ASCII));
        md5.update(salt);
        return "md5" + HexFormat.of().formatHex(md5.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
