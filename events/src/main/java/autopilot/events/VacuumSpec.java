package autopilot.events;

import jakarta.annotation.Nullable;

/**
 * Which VACUUM to run.
 *
 * @param variant   FULL, SORT ONLY, DELETE ONLY, REINDEX or RECLUSTER
 * @param toPercent the {@code TO n PERCENT} threshold (0-100); null for REINDEX and RECLUSTER,
 *                  which do not accept it
 * @param boost     whether BOOST is wanted (the maintenance service only honours it when configured)
 */
public record VacuumSpec(Variant variant, @Nullable Integer toPercent, boolean boost) {

    /** VACUUM variants, as Redshift names them. */
    public enum Variant {
        FULL("FULL"), SORT_ONLY("SORT ONLY"), DELETE_ONLY("DELETE ONLY"), REINDEX("REINDEX"), RECLUSTER("RECLUSTER");

        private final String sql;

        Variant(String sql) {
            this.sql = sql;
        }

        /** The variant's SQL keywords. */
        public String sql() {
            return sql;
        }
    }
}
