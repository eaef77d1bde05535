package autopilot.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import autopilot.analyzer.SnapshotBuilder;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.events.ClusterKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Tables of several databases of one cluster: each keeps its own columns and its own identity. */
class TablesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static Object[] info(String database, long id, String name) {
        return new Object[]{database, "public", id, name, "Y", "EVEN", "order_date", 256, "none", 1, 10, 1.5, 1.0, 1.0, 1000, 1.0,
                null, 1000, null, "2026-01-01T00:00:00Z"};
    }

    private static Map<String, List<String>> columnsByTable(SnapshotData snapshot) {
        return Tables.of(snapshot).stream().collect(Collectors.toMap(t -> t.database() + "." + t.qualifiedName(),
                t -> t.columns().stream().map(TableState.Column::name).toList()));
    }

    @Test
    void sameNamedTablesInTwoDatabasesKeepTheirOwnColumnsAndSubjects() {
        SnapshotData snapshot = SnapshotBuilder.of("c1", ClusterKind.PROVISIONED, NOW)
                .source("table_info", SnapshotBuilder.TABLE_INFO).row(info("dev", 100, "orders")).row(info("analytics", 200, "orders"))
                .source("table_columns", "schemaname", "tablename", "column", "type", "encoding", "distkey", "sortkey", "notnull",
                        "database")
                .row("public", "orders", "customer_id", "integer", "az64", false, 0, true, "dev")
                .row("public", "orders", "region", "varchar(32)", "lzo", false, 0, false, "analytics")
                .build();
        assertThat(columnsByTable(snapshot)).isEqualTo(Map.of("dev.public.orders", List.of("customer_id"),
                "analytics.public.orders", List.of("region")));
        List<TableState> tables = Tables.of(snapshot);
        assertThat(tables).extracting(t -> t.ref().key()).containsExactlyInAnyOrder("table:dev.public.orders",
                "table:analytics.public.orders");
    }

    @Test
    void columnsWithoutADatabaseFromAnEarlierCollectorStillMatch() {
        SnapshotData snapshot = SnapshotBuilder.of("c1", ClusterKind.PROVISIONED, NOW)
                .source("table_info", SnapshotBuilder.TABLE_INFO).row(info("dev", 100, "orders"))
                .source("table_columns", SnapshotBuilder.TABLE_COLUMNS)
                .row("public", "orders", "customer_id", "integer", "az64", false, 0, true)
                .build();
        assertThat(columnsByTable(snapshot)).isEqualTo(Map.of("dev.public.orders", List.of("customer_id")));
    }
}
