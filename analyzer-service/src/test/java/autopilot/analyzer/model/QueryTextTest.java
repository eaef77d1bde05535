package autopilot.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
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

    @Test
    void keywordChecksAndSamplesAreWhatTheExpressionsMadeOfThem() {
        Pattern wildcard = Pattern.compile("(?i)(?:\\bi?like\\s+'[%_])|(?:\\bsimilar\\s+to\\b)");
        Pattern distinct = Pattern.compile("(?i)\\bselect\\s+distinct\\b|\\bcount\\s*\\(\\s*distinct\\b");
        List<String> texts = new ArrayList<>(List.of("", " ", "select 1", "SELECT * FROM t WHERE c LIKE '%x'",
                "select * from t where c ilike\t'_x'", "select * from t where c NOT like 'x%'", "select * from t where unlike '%x'",
                "select * from t where c SiMiLaR\nTo 'a|b'", "select * from t where c similarto 'a'", "similar to",
                "select  DISTINCT a from t", "select count( distinct a) from t", "select count(distinctive) from t",
                "select distinct_a from t", "-- like '%'\nselect 1", "select 'like ''%' from t", "select * from likes",
                "SELECT \u212Aelvin, \u0130LIKE '%' FROM t", "select\u000Bdistinct a\ffrom t\r\n", "select\u00A0distinct a from t",
                "  leading and trailing  \t\n", "a\u2003b  c\u001Cd", "l", "lik", "like", "distinc"));
        texts.add("select " + "x, ".repeat(500) + "y from t where c like '%z'");
        texts.add("select   " + "a  ,\t".repeat(400) + " b from t");
        for (String text : texts) {
            assertThat(QueryText.wildcard(text)).as(text).isEqualTo(wildcard.matcher(text).find());
            assertThat(QueryText.distinct(text)).as(text).isEqualTo(distinct.matcher(text).find());
            String s = Pattern.compile("\\s+").matcher(text.length() > 1200 ? text.substring(0, 1200) : text).replaceAll(" ").trim();
            assertThat(QueryText.sample(text)).as(text).isEqualTo(s.length() <= 300 ? s : s.substring(0, 297) + "...");
        }
    }
}
