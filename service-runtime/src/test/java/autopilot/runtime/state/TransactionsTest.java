package autopilot.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.testsupport.PostgresTestResource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionsTest {

    private final Transactions transactions = new Transactions(PostgresTestResource.shared().getPostgresDatabase());

    @BeforeEach
    void table() {
        transactions.inTransaction("setup", c -> c.createStatement().execute(
                "DROP TABLE IF EXISTS tx_probe; CREATE TABLE tx_probe (v int)"));
    }

    @Test
    void commitsWhenTheWorkReturnsAndRollsBackAllOfItWhenItThrows() {
        transactions.inTransaction("writing", c -> c.createStatement().executeUpdate("INSERT INTO tx_probe VALUES (1)"));
        assertThatThrownBy(() -> transactions.inTransaction("writing twice", c -> {
            c.createStatement().executeUpdate("INSERT INTO tx_probe VALUES (2)");
            throw new IllegalStateException("second half failed");
        })).hasMessage("second half failed");

        assertThat(count()).isEqualTo(1);
    }

    @Test
    void aDatabaseFailureNamesWhatWasBeingDoneAndTheSqlState() {
        assertThatThrownBy(() -> transactions.read("reading findings", c -> c.createStatement().executeQuery("SELECT * FROM missing")))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("while reading findings").hasMessageContaining("SQLSTATE 42P01");
    }

    @Test
    void aLedgerMustCoverSqsRetentionAndTheWindowItIsReadFor() {
        LedgerRetention.requireCovers("a.history", Duration.ofDays(30), "a.window", Duration.ofDays(20));
        assertThatThrownBy(() -> LedgerRetention.requireCovers("a.history", Duration.ofDays(13), "a.window", Duration.ofHours(1)))
                .hasMessageContaining("a.history must be at least 14 days");
        assertThatThrownBy(() -> LedgerRetention.requireCovers("a.history", Duration.ofDays(15), "a.window", Duration.ofDays(20)))
                .hasMessageContaining("at least a.window (PT480H)");
    }

    private int count() {
        return transactions.read("counting", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM tx_probe"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
