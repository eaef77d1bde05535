package autopilot.sim.dialect;

import autopilot.sim.dialect.SqlLexer.Kind;
import autopilot.sim.dialect.SqlLexer.Token;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import autopilot.sim.dialect.RedshiftDialect.Refusal;

/**
 * Where Redshift would run a statement, and the errors that follow from it. A query that names a
 * user table or a system table whose rows live on the compute nodes runs there; a query that names
 * only catalog relations (PG_*) or none runs on the leader node alone
 * (https://docs.aws.amazon.com/redshift/latest/dg/c_sql-functions-leader-node.html). So:
 *
 * <ul>
 *   <li>a leader-node-only function (c_SQL_functions_leader_node_only: CURRENT_SCHEMA, NOW,
 *       HAS_TABLE_PRIVILEGE, ...) or an unsupported PostgreSQL function that runs on the leader
 *       (c_unsupported-postgresql-functions: GENERATE_SERIES, STRING_AGG, ...) in a compute-node
 *       query fails with "Specified types or functions (one per INFO message) not supported on
 *       Amazon Redshift tables." (SQLSTATE 0A000);
 *   <li>a compute-node-only function (c_SQL_functions_compute_node_only: LISTAGG, MEDIAN,
 *       PERCENTILE_CONT, PERCENTILE_DISC) in a query that names neither a user table nor a system
 *       table (r_LISTAGG: "returns an error if the query doesn't reference a user-defined table or
 *       Amazon Redshift system table") fails with "One or more of the used functions must be applied
 *       on at least one user created table." (XX000).
 * </ul>
 *
 * <p>Which system relations live on the compute nodes is documented only coarsely (the page says
 * STL/STV/SVL/SVV), while AWS's own admin views combine CURRENT_TIMESTAMP with SVV_TRANSACTIONS and
 * STV_RECENTS, which the leader serves. The simulator therefore counts as compute-node relations
 * the user tables, the STL/SVL/SVCS logs and the slice-level STV_TBL_PERM, STV_BLOCKLIST,
 * SVV_TABLE_INFO and SVV_DISKUSAGE, and leaves other STV/SVV/SYS relations out of the rule.
 */
final class NodePlacement {

    static final Set<String> LEADER_ONLY = Set.of(
            // c_SQL_functions_leader_node_only
            "current_schema", "current_schemas", "has_database_privilege", "has_schema_privilege", "has_table_privilege",
            "age", "current_time", "current_timestamp", "localtime", "isfinite", "now", "get_bit", "get_byte", "set_bit",
            "set_byte", "to_ascii", "version",
            // c_unsupported-postgresql-functions that answer on the leader node
            "generate_series", "generate_subscripts", "string_agg", "array_agg", "every", "xml_agg", "corr", "covar_pop",
            "covar_samp", "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx",
            "regr_sxy", "regr_syy", "clock_timestamp", "justify_days", "justify_hours", "justify_interval", "pg_sleep",
            "transaction_timestamp", "div", "setseed", "width_bucket", "bit_length", "overlay", "convert_from", "convert_to",
            "encode", "format", "quote_nullable", "regexp_matches", "regexp_split_to_array", "regexp_split_to_table",
            "current_query", "inet_client_addr", "inet_client_port", "inet_server_addr", "inet_server_port",
            "pg_conf_load_time", "pg_is_other_temp_schema", "pg_listening_channels", "pg_my_temp_schema",
            "pg_postmaster_start_time", "pg_trigger_depth", "array_to_string", "array_upper", "array_lower", "unnest");

    /** Leader-node-only names that PostgreSQL also accepts without parentheses. */
    private static final Set<String> BARE = Set.of("current_time", "current_timestamp", "localtime", "current_schema");

    static final Set<String> COMPUTE_ONLY = Set.of("listagg", "median", "percentile_cont", "percentile_disc");

    private static final Pattern SYSTEM = Pattern.compile("(stl|stv|svl|svv|sys|svcs)_\\w+");

    private static final Pattern COMPUTE_SYSTEM = Pattern.compile("(stl|svl|svcs)_\\w+|stv_tbl_perm|stv_blocklist|svv_table_info|svv_diskusage");

    private static final Set<String> CLAUSE_ENDS = Set.of("where", "group", "having", "order", "limit", "union", "intersect",
            "except", "window", "offset", "returning", "set", "values");

    /** Words after which a parenthesis opens a subquery or list, not a function's arguments. */
    private static final Set<String> NOT_FUNCTIONS = Set.of("select", "from", "join", "in", "exists", "any", "all", "some",
            "as", "on", "where", "and", "or", "not", "union", "intersect", "except", "lateral", "by", "when", "then", "else",
            "with", "values", "having", "into", "using", "over");

    private static final Pattern PREFILTER = Pattern.compile(
            "\\b(" + String.join("|", LEADER_ONLY) + "|" + String.join("|", COMPUTE_ONLY) + ")\\b", Pattern.CASE_INSENSITIVE);

    private NodePlacement() {}

    /** The refusal Redshift would answer {@code sql} with, or empty. */
    static Optional<Refusal> check(String sql) {
        if (!PREFILTER.matcher(sql).find()) {
            return Optional.empty();
        }
        Scan scan = scan(sql);
        if (scan.computeRelation && !scan.leaderFunctions.isEmpty()) {
            return Optional.of(new Refusal("0A000",
                    "Specified types or functions (one per INFO message) not supported on Amazon Redshift tables. (Function \""
                            + scan.leaderFunctions.iterator().next() + "()\" not supported.)"));
        }
        if (!scan.computeRelation && !scan.systemRelation && scan.computeFunction) {
            return Optional.of(new Refusal("XX000", "One or more of the used functions must be applied on at least one user created table."));
        }
        return Optional.empty();
    }

    /** The relations a statement names in FROM, JOIN, INSERT INTO and UPDATE (lower case, without schema). */
    static Set<String> relations(String sql) {
        return scan(sql).relations;
    }

    /** What one pass over a statement found. */
    private record Scan(Set<String> relations, Set<String> leaderFunctions, boolean computeFunction, boolean computeRelation,
                        boolean systemRelation) {}

    private static Scan scan(String sql) {
        Set<String> relations = new java.util.LinkedHashSet<>();
        List<Token> all = SqlLexer.tokens(sql);
        List<Token> t = all.stream().filter(Token::significant).toList();
        Set<String> leaderFunctions = new java.util.LinkedHashSet<>();
        boolean computeFunction = false;
        boolean computeRelation = false;
        boolean systemRelation = false;
        Set<String> cteNames = new HashSet<>();
        Deque<Level> levels = new ArrayDeque<>();
        levels.push(new Level(false));
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            Token next = i + 1 < t.size() ? t.get(i + 1) : null;
            Token prev = i > 0 ? t.get(i - 1) : null;
            Level level = levels.peek();
            if (tok.is("(")) {
                boolean function = prev != null && prev.kind() == Kind.WORD && !NOT_FUNCTIONS.contains(RedshiftDialect.lower(prev.text()));
                level.expectRelation = false;
                levels.push(new Level(function));
                continue;
            }
            if (tok.is(")")) {
                if (levels.size() > 1) {
                    levels.pop();
                }
                continue;
            }
            if (tok.is(",") && level.inFrom) {
                level.expectRelation = true;
                continue;
            }
            if (tok.kind() != Kind.WORD && tok.kind() != Kind.QUOTED) {
                level.expectRelation = false;
                continue;
            }
            String word = RedshiftDialect.lower(tok.kind() == Kind.QUOTED ? tok.text().replace("\"", "") : tok.text());
            boolean qualified = prev != null && prev.is(".");
            if (level.expectRelation && !word.equals("only") && !word.equals("lateral")) {
                String schema = null;
                String name = word;
                int j = i;
                while (j + 2 < t.size() && t.get(j + 1).is(".")) {
                    schema = name;
                    name = RedshiftDialect.lower(t.get(j + 2).text().replace("\"", ""));
                    j += 2;
                }
                if (!cteNames.contains(name)) {
                    relations.add(name);
                    computeRelation |= computeNode(schema, name);
                    systemRelation |= SYSTEM.matcher(name).matches();
                }
                level.expectRelation = false;
                i = j;
                continue;
            }
            if (tok.kind() == Kind.QUOTED || qualified && !(i >= 2 && t.get(i - 2).isWord("pg_catalog"))) {
                continue;
            }
            boolean call = next != null && next.is("(");
            if (call && LEADER_ONLY.contains(word) || !call && BARE.contains(word)) {
                leaderFunctions.add(word);
            } else if (call && COMPUTE_ONLY.contains(word)) {
                computeFunction = true;
            } else if (word.equals("as") && next != null && next.is("(") && prev != null && prev.kind() == Kind.WORD) {
                cteNames.add(RedshiftDialect.lower(prev.text()));
            } else if ((word.equals("from") && !level.function) || word.equals("join") || word.equals("update")
                    || (word.equals("into") && prev != null && prev.isWord("insert"))) {
                level.inFrom = !word.equals("update") && !word.equals("into");
                level.expectRelation = true;
            } else if (CLAUSE_ENDS.contains(word)) {
                level.inFrom = false;
            }
        }
        return new Scan(relations, leaderFunctions, computeFunction, computeRelation, systemRelation);
    }

    private static boolean computeNode(String schema, String name) {
        if (schema != null && (schema.equals("pg_catalog") || schema.equals("information_schema") || schema.equals(CatalogRelations.SCHEMA))) {
            return COMPUTE_SYSTEM.matcher(name).matches();
        }
        if (name.startsWith("pg_")) {
            return false;
        }
        if (SYSTEM.matcher(name).matches()) {
            return COMPUTE_SYSTEM.matcher(name).matches();
        }
        return true; // a user table (or a user's view; the simulator does not look inside views)
    }

    /** One parenthesis level of the statement. */
    private static final class Level {
        final boolean function;
        boolean inFrom;
        boolean expectRelation;

        Level(boolean function) {
            this.function = function;
        }
    }
}
