package autopilot.events;

import jakarta.annotation.Nullable;

/**
 * What a finding is about: a table, a WLM queue, a query pattern, a collection source, the
 * cluster as a whole, a session (by process and transaction id) or one running query.
 *
 * @param kind     the kind of object
 * @param name     its name (table name, queue name, pattern hash, source name, {@code pid <pid> xid <xid>}, {@code query <id>})
 * @param database database of a table, if any
 * @param schema   schema of a table, if any
 * @param id       Redshift's numeric id (table id, service class, process id, query id), if any
 */
public record ObjectRef(Kind kind, String name, @Nullable String database, @Nullable String schema, @Nullable Long id) {

    /** Kinds of objects findings can be about. */
    public enum Kind { TABLE, QUEUE, QUERY_PATTERN, SOURCE, CLUSTER, SESSION, QUERY }

    /** Stable text used in fingerprints: {@code table:db.schema.name}, {@code queue:name}, ... */
    public String key() {
        StringBuilder sb = new StringBuilder(kind.name().toLowerCase()).append(':');
        if (database != null) sb.append(database).append('.');
        if (schema != null) sb.append(schema).append('.');
        return sb.append(name).toString();
    }
}
