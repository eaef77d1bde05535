package autopilot.collector.source;

import java.util.List;

/** Receives a source's rows as they are read, so large results never sit in memory whole. */
public interface RowSink {
    /** Called once, before any row, with the column names in row order. */
    void columns(List<String> names);

    /** One row; values are JSON-ready: numbers, booleans, strings, ISO-8601 instants or null. */
    void row(List<Object> values);

    /**
     * A sink for several reads of the same columns into one stream (one schema, or one database, at a
     * time): the first read's column names are passed on, the later ones' are not.
     */
    static RowSink columnsOnce(RowSink sink) {
        boolean[] named = {false};
        return new RowSink() {
            @Override
            public void columns(List<String> names) {
                if (!named[0]) {
                    named[0] = true;
                    sink.columns(names);
                }
            }

            @Override
            public void row(List<Object> values) {
                sink.row(values);
            }
        };
    }
}
