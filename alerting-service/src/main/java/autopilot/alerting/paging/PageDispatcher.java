package autopilot.alerting.paging;

import autopilot.alerting.AlertingMetrics;
import autopilot.alerting.config.AlertingConfig;
import autopilot.runtime.state.Transactions;
import autopilot.events.EventType;
import autopilot.events.MessageAttributes;
import autopilot.events.PageSent;
import autopilot.runtime.aws.TextAttributes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Drains the page outbox: gathers each cluster's candidates once its burst is over (one page each,
 * or one digest), then publishes composed pages to the pages topic. A page stays in the outbox until
 * SNS accepted it, so an SNS outage delays pages and loses none (a crash between SNS's answer and
 * the commit can send one page twice: delivery is at-least-once, and the page id is in the attributes).
 */
@ApplicationScoped
public class PageDispatcher {

    private static final int SEND_BATCH = 50;

    private final Transactions transactions;
    private final PagingStore store;
    private final SnsClient sns;
    private final AlertingConfig config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final PageComposer composer;

    PageDispatcher(Transactions transactions, PagingStore store, SnsClient sns, AlertingConfig config, Clock clock,
                   MeterRegistry registry) {
        this.transactions = transactions;
        this.store = store;
        this.sns = sns;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
        this.composer = new PageComposer(config.paging().digestThreshold(), UUID::randomUUID);
    }

    @Scheduled(every = "${autopilot.alerting.paging.dispatch-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            compose();
            send();
        } catch (RuntimeException e) {
            Log.warnf("Paging outbox not drained this time (%s); it is retried on the next tick.", e.getMessage());
        }
    }

    /** Composes the pages of every cluster whose burst is over. */
    void compose() {
        Instant now = clock.instant();
        transactions.inTransaction("claiming pages to send", c -> {
            for (String cluster : store.readyClusters(c, now.minus(config.paging().quietPeriod()),
                    now.minus(config.paging().maxHold()))) {
                List<PageComposer.Candidate> candidates = store.pendingCandidates(c, cluster);
                if (candidates.isEmpty()) {
                    continue;
                }
                for (PageComposer.Composed composed : composer.compose(cluster, candidates)) {
                    store.savePage(c, cluster, composed.page(), composed.candidateIds(), now);
                }
            }
            return null;
        });
    }

    /** Publishes unsent pages, oldest first; stops at the first failure (SNS is probably down) and retries next tick. */
    void send() {
        transactions.inTransaction("recording a sent page", c -> {
            for (PagingStore.StoredPage stored : store.unsentForUpdate(c, SEND_BATCH)) {
                PageSent page = stored.page();
                try {
                    String messageId = sns.publish(b -> b.topicArn(config.pagesTopicArn()).subject(page.subject())
                            .message(page.body()).messageAttributes(attributes(stored.clusterId(), page))).messageId();
                    store.markSent(c, page.pageId(), messageId, clock.instant());
                    registry.counter(AlertingMetrics.PAGES_SENT, "kind", page.kind().name()).increment();
                } catch (SdkException e) {
                    store.markFailed(c, page.pageId(), e.getClass().getSimpleName() + ": " + e.getMessage());
                    registry.counter(AlertingMetrics.PAGES_FAILED).increment();
                    Log.warnf("Page %s (%s) not sent, kept for retry: %s", page.pageId(), page.subject(), e.getMessage());
                    break;
                }
            }
            return null;
        });
    }

    private static Map<String, MessageAttributeValue> attributes(String cluster, PageSent page) {
        return Map.of(
                MessageAttributes.EVENT_TYPE, TextAttributes.sns(EventType.PAGE_SENT.typeName()),
                MessageAttributes.CLUSTER, TextAttributes.sns(cluster),
                MessageAttributes.SEVERITY, TextAttributes.sns(page.severity().name()),
                MessageAttributes.CATEGORY, TextAttributes.sns(page.category()),
                "pageKind", TextAttributes.sns(page.kind().name()),
                "pageId", TextAttributes.sns(page.pageId()));
    }
}
