package autopilot.collector.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which databases SVV_REDSHIFT_DATABASES lists that table health is read from. */
class DatabaseSelectionTest {

    @Test
    void byDefaultEveryLocalDatabaseButRedshiftsOwn() {
        DatabaseSelection all = new DatabaseSelection(List.of("*"), List.of());
        assertThat(all.selects("dev", "local")).isTrue();
        assertThat(all.selects("analytics", "LOCAL ")).isTrue();
        for (String own : List.of("padb_harvest", "template0", "template1", "sys:internal", "awsdatacatalog")) {
            assertThat(all.selects(own, "local")).as(own).isFalse();
        }
        // A datashare consumer database holds another cluster's tables, maintained there.
        assertThat(all.selects("sales_share", "shared")).isFalse();
        assertThat(all.selects("dev", null)).isFalse();
    }

    @Test
    void allowAndDenyAreCaseInsensitiveGlobsAndDenyWins() {
        DatabaseSelection some = new DatabaseSelection(List.of("ana*", "dev"), List.of("*_tmp", "analytic?"));
        assertThat(some.selects("dev", "local")).isTrue();
        assertThat(some.selects("DEV", "local")).isTrue();
        assertThat(some.selects("anaconda", "local")).isTrue();
        assertThat(some.selects("analytics", "local")).isFalse();
        assertThat(some.selects("ana_tmp", "local")).isFalse();
        assertThat(some.selects("devx", "local")).isFalse();
        // Everything but * and ? is literal, regular-expression characters included.
        DatabaseSelection literal = new DatabaseSelection(List.of("a.b"), List.of());
        assertThat(literal.selects("a.b", "local")).isTrue();
        assertThat(literal.selects("axb", "local")).isFalse();
    }
}
