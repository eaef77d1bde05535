package autopilot.maintenance.queue;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Keeps the messages this instance holds (waiting their turn in a batch, or running) invisible:
 * every beat renews their visibility, so SQS hands neither them nor, FIFO, anything behind them in
 * their group to another instance while the work goes on, however long a VACUUM takes.
 */
final class VisibilityHeartbeat {

    /** Renews the visibility of the given messages; returns the failed ones: message id -> reason. */
    interface Extender {
        Map<String, String> extend(Collection<Message> messages);
    }

    private final Extender extender;
    private final Map<String, Message> held = new ConcurrentHashMap<>();
    /**
     * A beat and a release exclude each other, so a message is never renewed after it was handed back:
     * a renewal landing after a short deferral would hold the message, and its group, for a whole
     * visibility timeout.
     */
    private final Object handOver = new Object();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "maintenance-heartbeat"));

    VisibilityHeartbeat(Extender extender) {
        this.extender = extender;
    }

    void start(Duration every) {
        timer.scheduleWithFixedDelay(this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    void hold(Message m) {
        held.put(m.messageId(), m);
    }

    /** Stops renewing the message; once this returns no renewal of it is under way. */
    void release(Message m) {
        synchronized (handOver) {
            held.remove(m.messageId());
        }
    }

    /** Renews every held message once (the timer calls it; a failure is logged and the next beat tries again). */
    void beat() {
        synchronized (handOver) {
            if (held.isEmpty()) {
                return;
            }
            List<Message> now = List.copyOf(held.values());
            try {
                extender.extend(now).forEach((id, reason) -> Log.warnf("Visibility heartbeat for item %s failed: %s", id, reason));
            } catch (RuntimeException e) {
                Log.warnf("Visibility heartbeat for %d held item(s) failed: %s", now.size(), e.getMessage());
            }
        }
    }
}
