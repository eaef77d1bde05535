package autopilot.alerting.paging;

import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * What paging remembers about one fingerprint.
 *
 * @param fingerprint       the problem
 * @param open              the problem is currently present
 * @param paged             its current (or latest) opening was paged, so its end is paged too
 * @param lastProblemPageAt when a page announcing it last went out (the repeat window counts from here)
 */
public record Incident(String fingerprint, boolean open, boolean paged, @Nullable Instant lastProblemPageAt) {
}
