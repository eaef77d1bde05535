package autopilot.sim.maintenance;

import java.util.List;

/** A Redshift statement the simulator answers itself instead of PostgreSQL. */
sealed interface Command {

    /** {@code VACUUM [variant] [table [TO n PERCENT]] [BOOST]}; table null = every table. */
    record Vacuum(Variant variant, String table, Integer toPercent, boolean boost) implements Command {
    }

    /** {@code ANALYZE [VERBOSE] [table [(columns)]] [PREDICATE COLUMNS | ALL COLUMNS]}. */
    record Analyze(String table, List<String> columns, boolean predicateColumns) implements Command {
    }

    /** {@code ANALYZE COMPRESSION [table [(columns)]] [COMPROWS n]}: returns a row per column. */
    record AnalyzeCompression(String table, List<String> columns) implements Command {
    }

    /** {@code SET / RESET} of a Redshift-only session setting PostgreSQL does not know. */
    record SetParameter(String name, String value) implements Command {
    }

    /** {@code SHOW} of a Redshift-only session setting (r_SHOW). */
    record ShowParameter(String name) implements Command {
    }

    /** {@code SET statement_timeout}: PostgreSQL applies it too; the simulator needs it for its own long runs. */
    record StatementTimeout(long millis) implements Command {
    }

    /** VACUUM variants and how STL_VACUUM / SYS_VACUUM_HISTORY name them. */
    enum Variant {
        FULL(true, true, "Started", "Full"),
        SORT_ONLY(true, false, "Started Sort Only", "Sort"),
        DELETE_ONLY(false, true, "Started Delete Only", "Delete"),
        REINDEX(true, true, "Started Reindex", "Reindex"),
        RECLUSTER(true, false, "Started Ranged Partition", "Recluster");

        final boolean sorts;
        final boolean deletes;
        final String startedStatus;
        final String historyType;

        Variant(boolean sorts, boolean deletes, String startedStatus, String historyType) {
            this.sorts = sorts;
            this.deletes = deletes;
            this.startedStatus = startedStatus;
            this.historyType = historyType;
        }
    }
}
