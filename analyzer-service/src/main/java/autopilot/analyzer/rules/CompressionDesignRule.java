package autopilot.analyzer.rules;

import autopilot.analyzer.model.ColumnProfile;
import autopilot.analyzer.model.TableState;
import autopilot.events.Evidence;
import autopilot.events.FindingCategory;
import autopilot.events.RecommendedAction;
import autopilot.events.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Column encodings and sizes: unencoded (RAW) columns other than the leading sort key column (which AWS leaves RAW on
 * purpose: its zone maps are read most) get an encoding by type, as Redshift itself assigns by default (AZ64 for
 * numbers, dates and times; ZSTD for CHAR/VARCHAR, which compresses text better than LZO, and for other types);
 * VARCHAR columns declared far wider than the longest value the profiles saw get a smaller size, since intermediate
 * results (hash, sort, temporary tables) are sized by the declared width. Tables under a million rows are left alone
 * (a few blocks per column whatever the encoding), and so are tables under 10 GB that no query read in the window.
 */
public final class CompressionDesignRule implements Rule {

    private static final Pattern VARCHAR = Pattern.compile("(?i)(?:varchar|character varying)\\s*\\(\\s*(\\d+)\\s*\\)");
    private static final Set<String> AZ64_TYPES = Set.of("smallint", "int2", "integer", "int", "int4", "bigint", "int8", "decimal",
            "numeric", "date", "timestamp", "timestamptz", "time", "timetz");

    @Override
    public Scope scope() {
        return Scope.TABLES;
    }

    @Override
    public Set<FindingCategory> categories() {
        return Set.of(FindingCategory.COMPRESSION_DESIGN);
    }

    @Override
    public List<FindingDraft> evaluate(ClusterView view) {
        List<FindingDraft> drafts = new ArrayList<>();
        for (TableState table : view.tables()) {
            if (table.rows() < view.thresholds().skew().minRows() || table.columns().isEmpty()) continue;
            // A table nobody read in the window gains only storage; keep the advice for tables queries pay for, or big ones.
            if (view.scansPerDay(table.tableId()) == 0 && table.sizeMb() < view.thresholds().pageMinSizeMb()) continue;
            List<String> sql = new ArrayList<>();
            List<Evidence> evidence = new ArrayList<>();
            List<String> unencoded = new ArrayList<>();
            for (TableState.Column c : table.columns()) {
                if (!raw(c.encoding()) || Math.abs(c.sortkey()) == 1 || (table.interleaved() && c.sortkey() != 0)) continue;
                String encoding = encodingFor(c.type());
                unencoded.add(c.name() + " -> " + encoding);
                sql.add(DesignSql.encode(table, c.name(), encoding));
            }
            if (!unencoded.isEmpty()) evidence.add(Evidence.text("unencoded_columns", String.join(", ", unencoded)));
            Map<String, String> resized = new HashMap<>();
            List<String> oversized = new ArrayList<>();
            for (TableState.Column c : table.columns()) {
                Matcher m = VARCHAR.matcher(c.type() == null ? "" : c.type());
                ColumnProfile p = view.design().profile(table.tableId(), c.name());
                if (!m.find() || p == null || p.maxOctetLength() == null) continue;
                int declared = Integer.parseInt(m.group(1));
                int longest = Math.max(1, p.maxOctetLength());
                int size = Math.max(16, Integer.highestOneBit(2 * longest - 1) << 1); // room for twice the longest value seen
                if (declared < view.thresholds().design().varcharOversizeFactor() * longest || size >= declared) continue;
                oversized.add(c.name() + " VARCHAR(" + declared + "), longest value seen " + longest + " bytes -> VARCHAR(" + size + ")");
                evidence.add(new Evidence("declared_over_longest_" + c.name(), (double) declared / longest, "ratio",
                        view.thresholds().design().varcharOversizeFactor(), null));
                if (DesignSql.NO_RESIZE_ENCODINGS.contains(c.encoding() == null ? "" : c.encoding().trim().toLowerCase(Locale.ROOT))) {
                    resized.put(c.name(), "VARCHAR(" + size + ")");
                } else {
                    sql.add(DesignSql.varchar(table, c.name(), size));
                }
            }
            if (!resized.isEmpty()) sql.addAll(DesignSql.deepCopy(table, resized, DesignSql.currentDist(table), DesignSql.currentSort(table)));
            if (sql.isEmpty()) continue;
            if (!oversized.isEmpty()) evidence.add(Evidence.text("oversized_varchar", String.join("; ", oversized)));
            evidence.add(Evidence.measured("rows", table.rows(), "rows", (double) view.thresholds().skew().minRows()));
            evidence.add(Evidence.measured("size", table.sizeMb(), "MB", null));
            boolean heavy = table.sizeMb() >= view.thresholds().pageMinSizeMb() && view.scansPerDay(table.tableId()) >= view.thresholds().heavyScansPerDay();
            String title = table.qualifiedName() + ": " + (unencoded.isEmpty() ? "" : unencoded.size() + " unencoded column"
                    + (unencoded.size() == 1 ? "" : "s")) + (unencoded.isEmpty() || oversized.isEmpty() ? "" : ", ")
                    + (oversized.isEmpty() ? "" : oversized.size() + " oversized VARCHAR" + (oversized.size() == 1 ? "" : "s"));
            String explanation = (unencoded.isEmpty() ? "" : "Columns stored RAW take more blocks to read and store than encoded"
                    + " ones (" + String.join(", ", unencoded) + "); the leading sort key column stays RAW on purpose. ")
                    + (oversized.isEmpty() ? "" : "VARCHAR columns declared far wider than their data (" + String.join("; ", oversized)
                    + ") make hash joins, sorts and temporary tables reserve the declared width; ALTER COLUMN TYPE can shrink"
                    + " a VARCHAR only down to its longest stored value, so Redshift refuses if the sample missed a longer one.");
            drafts.add(new FindingDraft(FindingCategory.COMPRESSION_DESIGN, heavy ? Severity.WARNING : Severity.INFO, table.ref(),
                    title, explanation.trim(), evidence, new RecommendedAction("Encode and size the columns of " + table.qualifiedName(),
                    sql, "Alternatively ALTER TABLE ... ALTER ENCODE AUTO lets Redshift choose and maintain encodings; ALTER COLUMN"
                    + " TYPE cannot run inside a transaction block."), null, null));
        }
        return drafts;
    }

    private static boolean raw(String encoding) {
        return encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("none") || encoding.trim().equalsIgnoreCase("raw");
    }

    /** AZ64 for numbers, dates and times (Redshift's own default for them); ZSTD otherwise. */
    static String encodingFor(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT).trim();
        String base = t.split("[\\s(]")[0];
        if (AZ64_TYPES.contains(base) || t.startsWith("timestamp") || t.startsWith("time ")) return "az64";
        return "zstd";
    }
}
