package autopilot.maintenance.plan;

import autopilot.events.MaintenanceRequested;
import autopilot.events.VacuumSpec;
import autopilot.redshift.ClusterLogin;

/** Rules a work item must follow before anything is done with it (Redshift's VACUUM grammar among them). */
public final class WorkItems {

    private WorkItems() {
    }

    /** @throws InvalidWorkItemException saying what is wrong */
    public static void validate(MaintenanceRequested item) {
        if (item.vacuum() == null && item.analyze() == null) {
            throw new InvalidWorkItemException("work item " + item.workItemId() + " asks for neither VACUUM nor ANALYZE");
        }
        if (item.table() == null || blank(item.table().schema()) || blank(item.table().table()) || blank(item.table().database())) {
            throw new InvalidWorkItemException("work item " + item.workItemId() + " names no complete table (database, schema, table)");
        }
        if (!ClusterLogin.nameableInUrl(item.table().database())) {
            // The item's session connects to its database by name in the JDBC URL.
            throw new InvalidWorkItemException("work item " + item.workItemId() + " names database " + item.table().database()
                    + ", which cannot be connected to by name (/, ?, ;, # or whitespace)");
        }
        VacuumSpec vacuum = item.vacuum();
        if (vacuum != null && vacuum.toPercent() != null) {
            if (vacuum.toPercent() < 0 || vacuum.toPercent() > 100) {
                throw new InvalidWorkItemException("work item " + item.workItemId() + ": TO n PERCENT must be 0-100, found "
                        + vacuum.toPercent());
            }
            if (vacuum.variant() == VacuumSpec.Variant.REINDEX || vacuum.variant() == VacuumSpec.Variant.RECLUSTER) {
                throw new InvalidWorkItemException("work item " + item.workItemId() + ": VACUUM " + vacuum.variant().sql()
                        + " does not accept TO n PERCENT");
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A work item that can never run as written. */
    public static final class InvalidWorkItemException extends RuntimeException {
        public InvalidWorkItemException(String message) {
            super(message);
        }
    }
}
