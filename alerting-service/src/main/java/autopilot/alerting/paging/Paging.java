package autopilot.alerting.paging;

import autopilot.alerting.config.AlertingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Applies a signal to its fingerprint's history inside the caller's transaction: records a page
 * candidate, or a suppressed repeat, and the new incident state.
 */
@ApplicationScoped
public class Paging {

    private final PagingStore store;
    private final IncidentPolicy policy;

    @Inject
    Paging(PagingStore store, AlertingConfig config) {
        this(store, new IncidentPolicy(config.paging().repeatWindow()));
    }

    public Paging(PagingStore store, IncidentPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    public IncidentPolicy.Outcome apply(Connection c, UUID eventId, Signal signal, Instant now) throws SQLException {
        IncidentPolicy.Decision decision = policy.decide(store.incidentForUpdate(c, signal.fingerprint()), signal, now);
        store.saveIncident(c, signal, decision.next(), now);
        switch (decision.outcome()) {
            case PAGE -> store.addCandidate(c, signal, now);
            case SUPPRESS -> store.addSuppressed(c, signal, eventId, decision.reason(), now);
            case IGNORE -> { }
        }
        return decision.outcome();
    }
}
