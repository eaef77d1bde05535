package autopilot.alerting.rest;

import autopilot.alerting.config.AlertingConfig;
import autopilot.alerting.paging.PagingStore;
import autopilot.runtime.state.Transactions;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/v1/alerts}: recent pages (with their delivery state) and suppressed repeats, newest first. */
@Path("/api/v1/alerts")
public class AlertsResource {

    /** The answer. */
    public record Alerts(List<PagingStore.StoredPage> pages, List<PagingStore.Suppressed> suppressed) {
    }

    private final Transactions transactions;
    private final PagingStore store;
    private final AlertingConfig config;

    AlertsResource(Transactions transactions, PagingStore store, AlertingConfig config) {
        this.transactions = transactions;
        this.store = store;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Alerts recent(@QueryParam("cluster") String cluster, @QueryParam("limit") Integer limit) {
        int n = limit == null ? config.paging().recentLimit() : limit;
        if (n < 1 || n > 1000) {
            throw new BadRequestException("limit must be between 1 and 1000, found " + n);
        }
        return transactions.inTransaction("reading recent pages", c -> new Alerts(store.recentPages(c, cluster, n), store.recentSuppressed(c, cluster, n)));
    }
}
