package autopilot.sim.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds a table from a reference as scenario files write it: {@code name}, {@code schema.name} or
 * {@code database.schema.name}. The shorter forms name a table of the database the reference is
 * made from (a query's database, or the default one); a bare name is the first table of that name
 * in the database, whatever its schema.
 *
 * @param <T> what is known about each table (its id, its description)
 */
public final class TableLookup<T> {

    private final Map<String, T> tables = new HashMap<>();

    /** Adds a table; an earlier table of the same bare name keeps that name. */
    public void add(String database, String schema, String name, T value) {
        tables.put(key(database, schema, name), value);
        tables.putIfAbsent(key(database, "", name), value);
    }

    /** The table {@code reference} names when made from {@code database}, or {@code null}. */
    public T find(String reference, String database) {
        if (reference == null) {
            return null;
        }
        String[] parts = reference.split("\\.", -1);
        return switch (parts.length) {
            case 1 -> tables.get(key(database, "", parts[0]));
            case 2 -> tables.get(key(database, parts[0], parts[1]));
            case 3 -> tables.get(key(parts[0], parts[1], parts[2]));
            default -> null;
        };
    }

    /** The table's own name in a reference (its last part). */
    public static String tableName(String reference) {
        return reference.substring(reference.lastIndexOf('.') + 1);
    }

    private static String key(String database, String schema, String name) {
        // NUL cannot occur in identifiers, so the parts never run into each other.
        return database + '\0' + schema + '\0' + name;
    }
}
