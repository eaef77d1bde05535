package autopilot.sim.catalog;

import autopilot.sim.model.ColumnValues;
import autopilot.sim.model.Scenario;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fills each user table with the scenario's {@code sampleRows} rows, generated from its columns'
 * value models and sent with COPY. The sample stands for the table: a query over it (the
 * collector's column profile) sees the model's shares of NULLs, distinct and most common values,
 * while SVV_TABLE_INFO and the other system tables keep reporting the model's full row count.
 */
final class SampleRows {

    private SampleRows() {
    }

    static void load(Connection db, List<Scenario.Table> tables, long sampleRows) throws SQLException {
        if (sampleRows <= 0) {
            return;
        }
        for (Scenario.Table t : tables) {
            List<String> problems = new ArrayList<>();
            List<ColumnValues> values = new ArrayList<>();
            for (Scenario.Column c : t.columns()) {
                values.add(ColumnValues.of(t, c, sampleRows, t.schema() + "." + t.name(), problems));
            }
            if (!problems.isEmpty()) {
                // The loader checked the same models; reaching here means a scenario built in code skipped it.
                throw new IllegalArgumentException("sample rows of " + t.schema() + "." + t.name() + ": " + String.join("; ", problems));
            }
            CopyRows rows = new CopyRows(db, Identifiers.quote(t.schema()) + "." + Identifiers.quote(t.name()),
                    t.columns().stream().map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", ")));
            for (long row = 0; row < sampleRows; row++) {
                for (ColumnValues v : values) {
                    long index = v.index(row);
                    if (index < 0) {
                        rows.nul();
                    } else {
                        rows.text(v.text(index));
                    }
                }
                rows.endRow();
            }
            rows.flush();
        }
    }
}
