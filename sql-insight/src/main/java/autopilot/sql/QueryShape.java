package autopilot.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What one query's text says about tables: the tables it reads, the equality joins between their
 * columns, and the columns it filters on. Names are lower case and unquoted, as Redshift folds
 * them. A column the text leaves unqualified in a query over several tables stays unresolved
 * ({@link ColumnRef#table()} null, {@link ColumnRef#candidates()} the tables in scope) until
 * {@link #resolve(Function)} is given the tables' columns.
 *
 * @param tables  the base tables read (common table expressions and derived tables are not tables)
 * @param joins   equality predicates between columns of two different tables ({@code a.x = b.y},
 *                in ON, USING or WHERE)
 * @param filters predicates comparing a column with something that is not another table's column
 * @param target  the table the statement writes (INSERT, UPDATE, DELETE, COPY), or null for a query
 */
public record QueryShape(List<TableRef> tables, List<Join> joins, List<Filter> filters, Target target) {

    public QueryShape {
        tables = List.copyOf(tables);
        joins = List.copyOf(joins);
        filters = List.copyOf(filters);
    }

    /** A query's shape: it writes no table. */
    public QueryShape(List<TableRef> tables, List<Join> joins, List<Filter> filters) {
        this(tables, joins, filters, null);
    }

    /** How a statement writes a table. */
    public enum Write {
        INSERT, COPY, UPDATE, DELETE
    }

    /** The table a statement writes, and how: INSERT and COPY append, UPDATE and DELETE change rows in place. */
    public record Target(Write write, TableRef table) {
    }

    /** A table as the query names it; {@code schema} is null when the text leaves it to the search path. */
    public record TableRef(String schema, String name) {
        public TableRef {
            schema = schema == null ? null : fold(schema);
            name = fold(name);
        }

        /** Whether this reference can mean the table {@code schema.name} (an unqualified reference matches any schema). */
        public boolean matches(String schema, String name) {
            return this.name.equals(fold(name)) && (this.schema == null || this.schema.equals(fold(schema)));
        }

        @Override
        public String toString() {
            return schema == null ? name : schema + "." + name;
        }
    }

    /**
     * A column of a table.
     *
     * @param table      the table, or null while unresolved
     * @param column     the column name
     * @param candidates when unresolved, the tables in scope that may own it
     */
    public record ColumnRef(TableRef table, String column, List<TableRef> candidates) {
        public ColumnRef {
            column = fold(column);
            candidates = List.copyOf(candidates);
        }

        static ColumnRef of(TableRef table, String column) {
            return new ColumnRef(table, column, List.of());
        }

        public boolean resolved() {
            return table != null;
        }

        @Override
        public String toString() {
            return (table == null ? "?" : table.toString()) + "." + column;
        }
    }

    /** An equality join between columns of two tables. */
    public record Join(ColumnRef left, ColumnRef right) {
        /** Whether both sides are known tables. */
        public boolean resolved() {
            return left.resolved() && right.resolved() && !left.table().equals(right.table());
        }
    }

    /** How a predicate restricts a column. */
    public enum Kind {
        /** {@code col = value}: a point lookup. */
        EQUALITY,
        /** {@code <, <=, >, >=, BETWEEN}: a range, what zone maps on a sort key prune best. */
        RANGE,
        /** {@code col IN (...)}. */
        IN_LIST,
        /** {@code LIKE / ILIKE / SIMILAR TO}. */
        PATTERN,
        /** {@code IS [NOT] NULL}. */
        NULL_TEST,
        /** {@code <>} and other comparisons that do not restrict to a small part. */
        OTHER
    }

    /**
     * A predicate on one column.
     *
     * @param relativeToNow the column is compared with the current time ({@code getdate()},
     *                      {@code sysdate}, {@code current_date}, ... with or without arithmetic):
     *                      the query reads the newest rows, typical of time-ordered appends
     */
    public record Filter(ColumnRef column, Kind kind, boolean relativeToNow) {
    }

    /** The tables read that match {@code schema.name}. */
    public boolean reads(String schema, String name) {
        return tables.stream().anyMatch(t -> t.matches(schema, name));
    }

    /**
     * Resolves unqualified columns: a column becomes the one candidate table's whose columns
     * contain it; with none or several such tables it stays unresolved.
     *
     * @param columnsOf the columns of a table (lower case), or an empty set when unknown
     */
    public QueryShape resolve(Function<TableRef, Set<String>> columnsOf) {
        List<Join> j = new ArrayList<>();
        for (Join join : joins) {
            j.add(new Join(resolve(join.left(), columnsOf), resolve(join.right(), columnsOf)));
        }
        List<Filter> f = new ArrayList<>();
        for (Filter filter : filters) {
            f.add(new Filter(resolve(filter.column(), columnsOf), filter.kind(), filter.relativeToNow()));
        }
        // A self-equality across candidate tables may only now turn out to be a join.
        List<Join> joinsNow = j.stream().filter(x -> !(x.left().resolved() && x.right().resolved())
                || !x.left().table().equals(x.right().table())).toList();
        return new QueryShape(tables, joinsNow, f, target);
    }

    private static ColumnRef resolve(ColumnRef c, Function<TableRef, Set<String>> columnsOf) {
        if (c.resolved()) {
            return c;
        }
        Set<TableRef> owners = new LinkedHashSet<>();
        for (TableRef t : c.candidates()) {
            if (columnsOf.apply(t).contains(c.column())) {
                owners.add(t);
            }
        }
        return owners.size() == 1 ? ColumnRef.of(owners.iterator().next(), c.column()) : c;
    }

    /** Redshift folds unquoted identifiers to lower case; quoted ones lose their quotes here. */
    static String fold(String identifier) {
        String s = identifier.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"").toLowerCase(Locale.ROOT);
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
