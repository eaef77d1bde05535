package autopilot.sim.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordExchangeTest {

    @Test
    void md5AnswerMatchesPostgresDefinition() {
        // select 'md5' || md5(md5('secret' || 'alice') || 'abcd')
        assertThat(
                        PasswordExchange.md5Answer(
                                "secret", "alice", "abcd".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("md5c90bcafc0a2b54511742383e34d5dc9d");
    }

    @Test
    void md5AnswerUsesTheRawSaltBytes() {
        assertThat(
                        PasswordExchange.md5Answer(
                                "secret", "alice", new byte[] {(byte) 0xff, 0, 0x7f, (byte) 0x80}))
                .isEqualTo("md5e161976a310da9dbf0bff32c99a31dce");
    }
}
