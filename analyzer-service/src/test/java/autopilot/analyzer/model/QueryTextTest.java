package autopilot.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTextTest {

    @Test
    void literalsListsCaseAndSpacesFoldIntoOnePattern() {
        String a = QueryText.normalise("SELECT *  FROM t1 WHERE id = 42 AND name = 'O''Brien' AND x IN (1, 2, 3)\n AND f = 1.5e3");
        String b = QueryText.normalise("select * from t1 where id = 7 and name = 'x' and x in (9,8) and f = 2");
        assertThat(a).isEqualTo("select * from t1 where id = ? and name = ? and x in (?) and f = ?").isEqualTo(b);
        assertThat(QueryText.hash(a)).isEqualTo(QueryText.hash(b)).hasSize(16);
    }

    @Test
    void identifiersWithDigitsAreKept() {
        assertThat(QueryText.normalise("select c2 from gen.t123 join 1abc on 3 = 3"))
                .isEqualTo("select c2 from gen.t123 join 1abc on ? = ?");
        assertThat(QueryText.normalise(null)).isEmpty();
        assertThat(QueryText.normalise("select 'unterminated")).isEqualTo("select ?");
    }

    @Test
    void wildcardAndDistinct() {
        assertThat(QueryText.wildcard("select count(*) from t where c like '%a%'")).isTrue();
        assertThat(QueryText.wildcard("select count(*) from t where c similar to 'a'")).isTrue();
        assertThat(QueryText.wildcard("select count(*) from t where c like 'abc%'")).isFalse();
        assertThat(QueryText.distinct("select distinct c from t")).isTrue();
    }
}
