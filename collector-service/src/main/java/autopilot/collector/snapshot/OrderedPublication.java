package autopilot.collector.snapshot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends one collection's messages on a thread of its own, in the order handed over, so a source's
 * parts go out while the next sources are read: sent in line, every part's round trip to SQS added
 * to the collection's time (at 10,000 tables, some 6 of its seconds went to waiting for SQS). A
 * source's parts can only go once the source is read (each part carries the part count), so the
 * sources read meanwhile queue behind it, up to {@link #MAX_QUEUED_BYTES} of encoded rows: handing
 * over more waits for the oldest batches, which bounds the memory. A failed send fails the
 * collection at the next hand-over or at {@link #awaitSent()}.
 */
final class OrderedPublication implements AutoCloseable {

    /** Encoded rows handed over and not yet sent, at most (one batch larger than this is let through alone). */
    static final long MAX_QUEUED_BYTES = 32L << 20;

    private record Batch(Future<?> sent, long bytes) {
    }

    private final ExecutorService sender;
    private final Deque<Batch> queued = new ArrayDeque<>();
    private long queuedBytes;

    OrderedPublication(String clusterId) {
        sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "collector-publish-" + clusterId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Hands a batch of {@code bytes} encoded rows over, once the batches before it leave room. */
    void submit(Runnable batch, long bytes) {
        while (!queued.isEmpty() && (queuedBytes + bytes > MAX_QUEUED_BYTES || queued.peekFirst().sent().isDone())) {
            awaitOldest();
        }
        queued.addLast(new Batch(sender.submit(batch), bytes));
        queuedBytes += bytes;
    }

    /** Waits until everything handed over is sent; rethrows a send's failure. */
    void awaitSent() {
        while (!queued.isEmpty()) {
            awaitOldest();
        }
    }

    private void awaitOldest() {
        Batch oldest = queued.removeFirst();
        queuedBytes -= oldest.bytes();
        try {
            oldest.sent().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for snapshot parts to be published", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Lets the batches handed over finish (as a collection failing after them would have), then stops the thread. */
    @Override
    public void close() {
        try {
            awaitSent();
        } catch (RuntimeException e) {
            // already failing: the collection's own error is the one reported
        } finally {
            sender.shutdown();
        }
    }
}
