package autopilot.sim.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    private static Command parse(String sql) {
        return CommandParser.parse(sql).orElseThrow();
    }

    @Test
    void vacuumVariantsTablesThresholdsAndBoost() {
        assertThat(parse("VACUUM")).isEqualTo(new Command.Vacuum(Command.Variant.FULL, null, null, false));
        assertThat(parse("vacuum sort only public.sales to 75 percent;"))
                .isEqualTo(new Command.Vacuum(Command.Variant.SORT_ONLY, "public.sales", 75, false));
        assertThat(parse("VACUUM DELETE ONLY \"My Table\" BOOST"))
                .isEqualTo(new Command.Vacuum(Command.Variant.DELETE_ONLY, "\"My Table\"", null, true));
        assertThat(parse("VACUUM REINDEX t")).isEqualTo(new Command.Vacuum(Command.Variant.REINDEX, "t", null, false));
        assertThat(parse("VACUUM RECLUSTER t")).isEqualTo(new Command.Vacuum(Command.Variant.RECLUSTER, "t", null, false));
    }

    @Test
    void analyzeForms() {
        assertThat(parse("ANALYZE")).isEqualTo(new Command.Analyze(null, List.of(), false));
        assertThat(parse("analyze verbose sales (a, \"B\") predicate columns"))
                .isEqualTo(new Command.Analyze("sales", List.of("a", "B"), true));
        assertThat(parse("ANALYZE sales ALL COLUMNS")).isEqualTo(new Command.Analyze("sales", List.of(), false));
        assertThat(parse("ANALYZE COMPRESSION sales COMPROWS 100000")).isEqualTo(new Command.AnalyzeCompression("sales", List.of()));
    }

    @Test
    void redshiftOnlySettingsAndTimeouts() {
        assertThat(parse("SET query_group TO 'nightly'")).isEqualTo(new Command.SetParameter("query_group", "nightly"));
        assertThat(parse("set wlm_query_slot_count = 3")).isEqualTo(new Command.SetParameter("wlm_query_slot_count", "3"));
        assertThat(parse("RESET query_group")).isEqualTo(new Command.SetParameter("query_group", null));
        assertThat(parse("SET statement_timeout TO '2s'")).isEqualTo(new Command.StatementTimeout(2000));
        assertThat(CommandParser.parse("SET search_path TO public")).isEmpty();
        assertThat(CommandParser.parse("select 1")).isEmpty();
    }

    @Test
    void rulesAndSyntaxErrorsNameTheProblem() {
        assertThatThrownBy(() -> parse("VACUUM REINDEX t TO 50 PERCENT")).hasMessageContaining("does not accept TO threshold PERCENT");
        assertThatThrownBy(() -> parse("VACUUM FULL t TO 50")).hasMessageContaining("syntax error at end of input");
        assertThatThrownBy(() -> parse("VACUUM t extra")).hasMessageContaining("syntax error at or near \"extra\"");
        assertThatThrownBy(() -> parse("VACUUM \"unterminated")).hasMessageContaining("unterminated quoted identifier");
    }
}
