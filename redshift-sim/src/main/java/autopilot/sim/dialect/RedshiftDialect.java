package autopilot.sim.dialect;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Translates the Redshift SQL a client sends into SQL PostgreSQL 16 runs the same way, for the
 * constructs PostgreSQL cannot parse or parses differently. Everything PostgreSQL can express as
 * a function, an aggregate or an operator is defined once in {@code dialect-functions.sql}
 * (GETDATE, DATEDIFF, CHARINDEX, MEDIAN, {@code text + text}, ...); only syntax is rewritten here:
 *
 * <ul>
 *   <li>two-argument CONCAT becomes {@code ||} (NULL when either side is), bare {@code CURRENT_USER_ID} a call;
 *   <li>a bare datepart as first argument of DATEDIFF, DATEADD and DATE_PART (also spelled PGDATE_PART and
 *       DATEPART) ({@code DATEDIFF(day, a, b)})
 *       becomes a string ({@code 'day'});
 *   <li>DECODE with three or more arguments and NVL2 become CASE (PostgreSQL's DECODE is another
 *       function), NVL becomes COALESCE (the same function under Redshift's other name);
 *   <li>{@code CONVERT(type, expr)} becomes a CAST, {@code VARCHAR(MAX)} the 65,535-byte maximum;
 *   <li>{@code SELECT TOP n} becomes a LIMIT, bare {@code SYSDATE} a call;
 *   <li>LISTAGG becomes string_agg, {@code APPROXIMATE COUNT(DISTINCT ...)} an exact count, and
 *       PERCENTILE_CONT/DISC used as window functions an aggregate PostgreSQL can window;
 *   <li>catalog relations to which Redshift adds columns (PG_ATTRIBUTE's attisdistkey, PG_CLASS's
 *       reldiststyle, PG_STAT_ACTIVITY's procpid, ...) are read through views with those columns;
 *       PG_DATABASE and PG_STAT_ACTIVITY name databases by their Redshift names, and so does
 *       CURRENT_DATABASE(), whatever the PostgreSQL databases underneath are called.
 * </ul>
 *
 * <p>Statements without any of these words are returned as they are, without lexing.
 */
public final class RedshiftDialect {

    /** Words whose presence makes a statement worth translating (lower case). */
    private static final Pattern TRIGGERS = Pattern.compile(
            "datediff|dateadd|date_?part|pgdate_part|decode|nvl|convert|concat|current_user_id|current_database|\\btop\\b|sysdate|listagg|approximate|percentile_|\\(\\s*max\\s*\\)|"
                    + String.join("|", CatalogRelations.NAMES),
            Pattern.CASE_INSENSITIVE);

    private RedshiftDialect() {}

    /** The statement to send to PostgreSQL: {@code sql} itself when nothing needs translating. */
    public static String translate(String sql) {
        if (!TRIGGERS.matcher(sql).find()) {
            return sql;
        }
        return new Translation(SqlLexer.tokens(sql)).render();
    }

    /**
     * How Redshift would refuse {@code sql} where PostgreSQL would run it: a leader-node-only
     * function with compute-node tables and the reverse ({@link NodePlacement}), or a PostgreSQL
     * feature Redshift does not have ({@link UnsupportedSyntax}). Empty when Redshift runs it.
     */
    public static Optional<Refusal> refusal(String sql) {
        Optional<Refusal> syntax = UnsupportedSyntax.check(sql);
        return syntax.isPresent() ? syntax : NodePlacement.check(sql);
    }

    /** A refusal: SQLSTATE and message, as Redshift reports it. */
    public record Refusal(String sqlState, String message) {}

    /** The relation names this dialect reads through views of its own (lower case). */
    public static Set<String> remappedCatalogRelations() {
        return Set.copyOf(CatalogRelations.NAMES);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
