package autopilot.collector.source;

import java.util.List;

/** Receives a source's rows as they are read, so large results never sit in memory whole. */
public interface RowSink {
    /** Called once, before any row, with the column names in row order. */
    void columns(List<String> names);

    /** One row; values are JSON-ready: numbers, booleans, strings, ISO-8601 instants or null. */
    void row(List<Object> values);
}
