package autopilot.analyzer.rules;

import autopilot.analyzer.model.ColumnProfile;

/**
 * Predicts the skew a distribution key would give, from a (sampled) column profile, in Redshift's own measure:
 * skew_rows = rows on the fullest slice / rows on the emptiest.
 * <p>
 * Estimator, over S slices: every NULL hashes to one slice (share p0 = 1 - non_null/profiled), and so does the most
 * frequent value (share pt = top_value_rows/profiled). The remaining share r = 1 - p0 - pt is spread over the D
 * distinct values (D = distinct values of the sample, or "unique" when the sample's values are at least 90 % distinct:
 * then D is the table's non-NULL rows). Values land on slices like balls in bins: k = D/S values per slice, the fullest
 * slice about k + sqrt(2 k ln S) of them, the emptiest about k - sqrt(2 k ln S) (none when D < S). So
 * <pre>
 *   max share = max(p0, pt) + r * (k + sqrt(2 k ln S)) / D
 *   min share = r * max(0, k - sqrt(2 k ln S)) / D
 *   predicted skew_rows = max share / min share   (infinite when a slice stays empty)
 * </pre>
 */
final class KeySkew {

    /** A prediction and how it was reached. */
    record Prediction(double skewRows, double maxSliceShare, double nullShare, double topShare, double distinct, int slices) {
        boolean emptySlices() {
            return Double.isInfinite(skewRows);
        }

        String describe() {
            return "predicted skew_rows " + (emptySlices() ? "infinite (slices left empty)" : Sql.num(skewRows))
                    + ": fullest slice " + Sql.pct(100 * maxSliceShare) + " % of rows over " + slices + " slices (NULL share "
                    + Sql.pct(100 * nullShare) + " %, top value " + Sql.pct(100 * topShare) + " %, ~"
                    + (distinct >= 1e6 ? Sql.num(distinct / 1e6) + "M" : Sql.num(distinct)) + " distinct values)";
        }
    }

    private KeySkew() {
    }

    /**
     * @param tableRows the table's rows (tbl_rows), for the distinct values of a (nearly) unique column
     */
    static Prediction predict(ColumnProfile p, long tableRows, int slices) {
        double p0 = p.nullShare();
        double pt = p.topShare();
        double rest = Math.max(0, 1 - p0 - pt);
        double distinct = p.highCardinality() ? Math.max(p.distinctValues(), tableRows * (1 - p0)) : Math.max(1, p.distinctValues());
        double k = distinct / slices;
        double spread = Math.sqrt(2 * k * Math.log(Math.max(2, slices)));
        double max = Math.max(p0, pt) + rest * Math.min(distinct, k + spread) / distinct;
        double min = distinct < slices ? 0 : rest * Math.max(0, k - spread) / distinct;
        double skew = min <= 0 ? Double.POSITIVE_INFINITY : max / min;
        return new Prediction(skew, max, p0, pt, distinct, slices);
    }
}
