package autopilot.analyzer.rules;

/**
 * Thresholds of table design advice (distribution, sort keys, encodings, column sizes); part of {@link Thresholds},
 * overridden by {@code autopilot.analyzer.thresholds.design.*}. The reason for each default is on its component.
 *
 * @param distAllMaxRows          a dimension up to this many rows may get DISTSTYLE ALL (3,000,000): AWS's guidance is
 *                                ALL for slowly changing dimensions "up to a few million rows"; every node stores a copy
 * @param distAllMaxWritesPerDay  a dimension written (INSERT, COPY, UPDATE, DELETE) more often than this a day is not
 *                                slowly changing (24, hourly loads): every write to an ALL table is repeated on each node,
 *                                so it gets KEY on an evenly distributed column instead
 * @param minJoinsPerDay          a join runs at least this often a day to shape a distribution (10): a rarer join does
 *                                not pay for rewriting a table
 * @param distKeyMaxSkew          largest predicted skew (fullest / emptiest slice, Redshift's skew_rows) a recommended
 *                                key may have (2): half the ratio at which skew is reported, because the prediction
 *                                comes from a sample
 * @param sortKeyMinRows          tables with fewer rows get no sort key advice (10,000,000): below this a column is a
 *                                few 1 MB blocks per slice, so zone maps have little to skip (AWS: small tables do better
 *                                without a sort key)
 * @param minFilterQueriesPerDay  a column must be filtered at least this often a day to shape a sort key (10)
 * @param compoundPrefixSharePct  a column in at least this share of the queries filtering a table is a consistent prefix
 *                                for a compound key (90)
 * @param interleavedMinRows      interleaved sort keys only from this many rows (100,000,000): AWS's star-schema guidance,
 *                                below it their maintenance (VACUUM REINDEX) costs more than they save
 * @param varcharOversizeFactor   a VARCHAR declared this many times wider than its longest value seen is oversized (4):
 *                                intermediate results (hash, sort, temp tables) are sized by the declared width
 */
public record DesignThresholds(long distAllMaxRows, double distAllMaxWritesPerDay, double minJoinsPerDay, double distKeyMaxSkew,
                               long sortKeyMinRows, double minFilterQueriesPerDay, double compoundPrefixSharePct,
                               long interleavedMinRows, double varcharOversizeFactor) {

    public static DesignThresholds defaults() {
        return new DesignThresholds(3_000_000, 24, 10, 2.0, 10_000_000, 10, 90, 100_000_000, 4);
    }
}
