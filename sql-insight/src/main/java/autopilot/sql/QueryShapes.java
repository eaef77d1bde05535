package autopilot.sql;

import autopilot.sql.QueryShape.ColumnRef;
import autopilot.sql.QueryShape.Filter;
import autopilot.sql.QueryShape.Join;
import autopilot.sql.QueryShape.Kind;
import autopilot.sql.QueryShape.TableRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.SimilarToExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Reads the shape of a query (tables, joins, filters) from its text with JSqlParser. Text the
 * grammar cannot read (Redshift-only syntax, text cut at STL_QUERY's 4,000 characters) gives
 * {@link Optional#empty()}: callers count such queries as unknown rather than guess.
 */
public final class QueryShapes {

    /** Parsing stops after this long; pathological text must not stall a caller. */
    private static final long PARSE_TIMEOUT_MILLIS = 2_000;
    private static final Set<String> NOW_FUNCTIONS = Set.of("getdate", "sysdate", "now", "current_date", "current_timestamp",
            "timeofday", "dateadd", "date_add", "convert_timezone", "trunc", "date_trunc");
    private static final Set<String> NOW_KEYWORDS = Set.of("sysdate", "current_date", "current_timestamp", "getdate()",
            "localtimestamp", "current_time");

    /** A plain or quoted identifier. */
    private static final String NAME = "\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*";
    /**
     * {@code COPY table [(columns)] FROM ...}: a load JSqlParser's grammar does not know. Only its target matters
     * here (a table loaded by COPY is appended to), so it is read with a pattern rather than the grammar.
     */
    private static final java.util.regex.Pattern COPY = java.util.regex.Pattern.compile(
            "(?is)\\s*copy\\s+(" + NAME + ")(?:\\s*\\.\\s*(" + NAME + "))?\\s*(?:\\([^)]*\\))?\\s+from\\s.*");

    /**
     * Where parses run, so the timeout can be enforced: JSqlParser's own {@code parse(sql, consumer)} creates and shuts
     * down a single-thread executor per call, which cost about a millisecond a statement, more than the parse itself.
     * Daemon threads, so a parse stuck past its timeout never keeps the JVM alive.
     */
    private static final java.util.concurrent.ExecutorService PARSERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sql-insight-parser");
        t.setDaemon(true);
        return t;
    });

    private QueryShapes() {
    }

    /** The shape of one statement, or empty when its text cannot be parsed. */
    public static Optional<QueryShape> parse(String sql) {
        if (sql == null || sql.isBlank()) {
            return Optional.empty();
        }
        java.util.regex.Matcher copy = COPY.matcher(sql);
        if (copy.matches()) {
            TableRef table = copy.group(2) == null ? new TableRef(null, copy.group(1)) : new TableRef(copy.group(1), copy.group(2));
            return Optional.of(new QueryShape(List.of(), List.of(), List.of(), new QueryShape.Target(QueryShape.Write.COPY, table)));
        }
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(sql, PARSERS, parser -> parser.withTimeOut(PARSE_TIMEOUT_MILLIS));
        } catch (Exception | StackOverflowError e) {
            return Optional.empty();
        }
        Walker walker = new Walker();
        QueryShape.Target target = null;
        if (statement instanceof Select select) {
            walker.select(select, Scope.ROOT);
        } else if (statement instanceof Insert insert) {
            target = new QueryShape.Target(QueryShape.Write.INSERT, Walker.tableOf(insert.getTable()));
            if (insert.getSelect() != null) {
                walker.select(insert.getSelect(), Scope.ROOT);
            }
        } else if (statement instanceof Update update) {
            target = new QueryShape.Target(QueryShape.Write.UPDATE, Walker.tableOf(update.getTable()));
            Scope scope = Scope.ROOT.child();
            walker.from(update.getTable(), scope);
            if (update.getJoins() != null) {
                update.getJoins().forEach(j -> walker.join(j, scope));
            }
            walker.predicate(update.getWhere(), scope);
        } else if (statement instanceof Delete delete) {
            target = new QueryShape.Target(QueryShape.Write.DELETE, Walker.tableOf(delete.getTable()));
            Scope scope = Scope.ROOT.child();
            walker.from(delete.getTable(), scope);
            walker.predicate(delete.getWhere(), scope);
        } else {
            return Optional.empty();
        }
        return Optional.of(new QueryShape(List.copyOf(walker.tables), walker.joins, walker.filters, target));
    }

    /** Names visible in one SELECT: aliases and table names to tables, and names that are not base tables. */
    private static final class Scope {
        static final Scope ROOT = new Scope(null);
        final Scope parent;
        final Map<String, TableRef> byName = new HashMap<>();
        /** Derived tables and CTEs: their columns belong to no base table. */
        final Set<String> opaque = new java.util.HashSet<>();
        final List<TableRef> inScope = new ArrayList<>();
        final Set<String> ctes = new java.util.HashSet<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Scope child() {
            return new Scope(this);
        }

        boolean isCte(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.ctes.contains(name)) {
                    return true;
                }
            }
            return false;
        }

        /** The table a qualifier names; null for a derived table, CTE or unknown name. */
        TableRef lookup(String qualifier) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.opaque.contains(qualifier)) {
                    return null;
                }
                TableRef t = s.byName.get(qualifier);
                if (t != null) {
                    return t;
                }
            }
            return null;
        }

        boolean hasOpaque() {
            return !opaque.isEmpty();
        }
    }

    private static final class Walker {
        final Set<TableRef> tables = new LinkedHashSet<>();
        final List<Join> joins = new ArrayList<>();
        final List<Filter> filters = new ArrayList<>();

        void select(Select select, Scope outer) {
            Scope scope = outer;
            List<WithItem> with = select.getWithItemsList();
            if (with != null && !with.isEmpty()) {
                scope = outer.child();
                for (WithItem item : with) {
                    scope.ctes.add(QueryShape.fold(item.getAlias().getName()));
                    if (item.getSelect() != null) {
                        select(item.getSelect(), scope);
                    }
                }
            }
            if (select instanceof PlainSelect plain) {
                plain(plain, scope);
            } else if (select instanceof SetOperationList set) {
                for (Select s : set.getSelects()) {
                    select(s, scope);
                }
            } else if (select instanceof ParenthesedSelect parenthesed) {
                select(parenthesed.getSelect(), scope);
            }
        }

        void plain(PlainSelect plain, Scope outer) {
            Scope scope = outer.child();
            from(plain.getFromItem(), scope);
            if (plain.getJoins() != null) {
                plain.getJoins().forEach(j -> from(j.getFromItem(), scope));
                plain.getJoins().forEach(j -> join(j, scope));
            }
            predicate(plain.getWhere(), scope);
            predicate(plain.getHaving(), scope);
        }

        void join(net.sf.jsqlparser.statement.select.Join join, Scope scope) {
            if (join.getOnExpressions() != null) {
                join.getOnExpressions().forEach(e -> predicate(e, scope));
            }
            if (join.getUsingColumns() != null && join.getFromItem() instanceof Table right) {
                TableRef r = tableOf(right);
                for (Column c : join.getUsingColumns()) {
                    // USING (x): the right table's x equals x of a table before it (the one that has it; unknown here).
                    List<TableRef> left = scope.inScope.stream().filter(t -> !t.equals(r)).toList();
                    ColumnRef l = left.size() == 1 ? ColumnRef.of(left.get(0), c.getColumnName())
                            : new ColumnRef(null, c.getColumnName(), left);
                    joins.add(new Join(l, ColumnRef.of(r, c.getColumnName())));
                }
            }
        }

        void from(FromItem item, Scope scope) {
            if (item == null) {
                return;
            }
            if (item instanceof Table table) {
                String name = QueryShape.fold(table.getName());
                if (table.getSchemaName() == null && scope.isCte(name)) {
                    scope.opaque.add(table.getAlias() != null ? QueryShape.fold(table.getAlias().getName()) : name);
                    return;
                }
                TableRef ref = tableOf(table);
                tables.add(ref);
                scope.inScope.add(ref);
                scope.byName.put(ref.name(), ref);
                if (table.getAlias() != null) {
                    scope.byName.put(QueryShape.fold(table.getAlias().getName()), ref);
                }
            } else if (item instanceof ParenthesedSelect sub) {
                select(sub.getSelect(), scope.parent == null ? scope : scope.parent);
                if (sub.getAlias() != null) {
                    scope.opaque.add(QueryShape.fold(sub.getAlias().getName()));
                } else {
                    scope.opaque.add("");
                }
            } else if (item instanceof ParenthesedFromItem nested) {
                from(nested.getFromItem(), scope);
                if (nested.getJoins() != null) {
                    nested.getJoins().forEach(j -> from(j.getFromItem(), scope));
                    nested.getJoins().forEach(j -> join(j, scope));
                }
            }
        }

        static TableRef tableOf(Table table) {
            return new TableRef(table.getSchemaName(), table.getName());
        }

        void predicate(Expression e, Scope scope) {
            if (e == null) {
                return;
            }
            if (e instanceof AndExpression || e instanceof OrExpression) {
                BinaryExpression b = (BinaryExpression) e;
                predicate(b.getLeftExpression(), scope);
                predicate(b.getRightExpression(), scope);
            } else if (e instanceof Parenthesis p) {
                predicate(p.getExpression(), scope);
            } else if (e instanceof ExpressionList<?> list) {
                list.forEach(x -> predicate(x, scope));
            } else if (e instanceof NotExpression not) {
                predicate(not.getExpression(), scope);
            } else if (e instanceof ExistsExpression exists) {
                predicate(exists.getRightExpression(), scope);
            } else if (e instanceof ParenthesedSelect sub) {
                select(sub.getSelect(), scope);
            } else if (e instanceof ComparisonOperator cmp) {
                comparison(cmp, scope);
            } else if (e instanceof Between between) {
                filter(between.getLeftExpression(), Kind.RANGE,
                        relativeToNow(between.getBetweenExpressionStart()) || relativeToNow(between.getBetweenExpressionEnd()), scope);
            } else if (e instanceof InExpression in) {
                filter(in.getLeftExpression(), Kind.IN_LIST, false, scope);
                if (in.getRightExpression() instanceof ParenthesedSelect sub) {
                    select(sub.getSelect(), scope);
                }
            } else if (e instanceof LikeExpression like) {
                filter(like.getLeftExpression(), Kind.PATTERN, false, scope);
            } else if (e instanceof SimilarToExpression similar) {
                filter(similar.getLeftExpression(), Kind.PATTERN, false, scope);
            } else if (e instanceof IsNullExpression isNull) {
                filter(isNull.getLeftExpression(), Kind.NULL_TEST, false, scope);
            }
        }

        void comparison(ComparisonOperator cmp, Scope scope) {
            Expression left = cmp.getLeftExpression();
            Expression right = cmp.getRightExpression();
            if (left instanceof ParenthesedSelect || right instanceof ParenthesedSelect) {
                predicate(left instanceof ParenthesedSelect ? left : right, scope);
            }
            ColumnRef l = column(left, scope);
            ColumnRef r = column(right, scope);
            if (isColumn(left) && isColumn(right) && (l == null || r == null)) {
                // Compares with a column of a derived table or CTE: a join to something that is not a base table.
                return;
            }
            if (l != null && r != null) {
                if (cmp instanceof EqualsTo && !(l.resolved() && r.resolved() && l.table().equals(r.table()))) {
                    joins.add(new Join(l, r));
                }
                return;
            }
            Kind kind = cmp instanceof EqualsTo ? Kind.EQUALITY
                    : cmp instanceof GreaterThan || cmp instanceof GreaterThanEquals || cmp instanceof MinorThan
                    || cmp instanceof MinorThanEquals ? Kind.RANGE : Kind.OTHER;
            if (l != null) {
                filters.add(new Filter(l, kind, relativeToNow(right)));
            } else if (r != null) {
                filters.add(new Filter(r, kind, relativeToNow(left)));
            }
        }

        void filter(Expression target, Kind kind, boolean relativeToNow, Scope scope) {
            ColumnRef c = column(target, scope);
            if (c != null) {
                filters.add(new Filter(c, kind, relativeToNow));
            }
        }

        static boolean isColumn(Expression e) {
            while (e instanceof CastExpression cast) {
                e = cast.getLeftExpression();
            }
            return e instanceof Column c && !NOW_KEYWORDS.contains(c.getColumnName().toLowerCase(Locale.ROOT));
        }

        /** The column an expression is, seeing through casts; null when it is not a plain column of a table in scope. */
        ColumnRef column(Expression e, Scope scope) {
            while (e instanceof CastExpression cast) {
                e = cast.getLeftExpression();
            }
            if (!(e instanceof Column col)) {
                return null;
            }
            String name = col.getColumnName();
            if (NOW_KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
                return null;
            }
            Table qualifier = col.getTable();
            if (qualifier != null && qualifier.getName() != null) {
                TableRef t = scope.lookup(QueryShape.fold(qualifier.getName()));
                if (t == null && qualifier.getSchemaName() != null) {
                    t = new TableRef(qualifier.getSchemaName(), qualifier.getName());
                }
                return t == null ? null : ColumnRef.of(t, name);
            }
            List<TableRef> candidates = new ArrayList<>();
            for (Scope s = scope; s != null && candidates.isEmpty(); s = s.parent) {
                candidates.addAll(s.inScope);
                if (s.hasOpaque()) {
                    // The column may come from a derived table: never pin it on a base table by elimination.
                    return candidates.isEmpty() ? null : new ColumnRef(null, name, candidates);
                }
            }
            if (candidates.isEmpty()) {
                return null;
            }
            return candidates.size() == 1 ? ColumnRef.of(candidates.get(0), name) : new ColumnRef(null, name, candidates);
        }

        /** Whether an expression is the current time, or arithmetic / a function over it. */
        static boolean relativeToNow(Expression e) {
            if (e == null) {
                return false;
            }
            if (e instanceof TimeKeyExpression) {
                return true;
            }
            if (e instanceof Column c) {
                return NOW_KEYWORDS.contains(c.getColumnName().toLowerCase(Locale.ROOT));
            }
            if (e instanceof CastExpression cast) {
                return relativeToNow(cast.getLeftExpression());
            }
            if (e instanceof BinaryExpression b) {
                return relativeToNow(b.getLeftExpression()) || relativeToNow(b.getRightExpression());
            }
            if (e instanceof Parenthesis p) {
                return relativeToNow(p.getExpression());
            }
            if (e instanceof Function f) {
                String name = f.getName().toLowerCase(Locale.ROOT);
                if (name.equals("getdate") || name.equals("sysdate") || name.equals("now") || name.equals("timeofday")) {
                    return true;
                }
                if (NOW_FUNCTIONS.contains(name) && f.getParameters() != null) {
                    for (Expression arg : f.getParameters()) {
                        if (relativeToNow(arg)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}
